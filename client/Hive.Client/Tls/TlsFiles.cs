using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Hive.Client.Tls;

/// <summary>
/// Certificates read from files, as Kubernetes mounts a Secret (cert-manager's <c>tls.crt</c>, <c>tls.key</c>,
/// <c>ca.crt</c>): PEM with the key beside it or in the same file, or PKCS#12 (<c>.pfx</c>/<c>.p12</c>).
/// </summary>
public static class TlsFiles
{
    /// <summary>A certificate with its private key; throws <see cref="CryptographicException"/> or an I/O error when the files do not hold one.</summary>
    public static X509Certificate2 LoadCertificate(string certificatePath, string? keyPath, string? password)
    {
        if (IsPkcs12(certificatePath)) return X509CertificateLoader.LoadPkcs12FromFile(certificatePath, password);
        using var pem = string.IsNullOrEmpty(password)
            ? X509Certificate2.CreateFromPemFile(certificatePath, NullIfEmpty(keyPath))
            : X509Certificate2.CreateFromEncryptedPemFile(certificatePath, password, NullIfEmpty(keyPath));
        if (!pem.HasPrivateKey) throw new CryptographicException("the file holds no private key for the certificate");
        // A PEM key is ephemeral; SslStream needs one it can hand to the platform's TLS stack, which a PKCS#12 round trip gives.
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>Every certificate in a PEM bundle (one CA or several, as during a CA rotation).</summary>
    public static X509Certificate2Collection LoadAuthorities(string caPath)
    {
        var authorities = new X509Certificate2Collection();
        authorities.ImportFromPemFile(caPath);
        if (authorities.Count == 0) throw new CryptographicException("the file holds no PEM certificate");
        return authorities;
    }

    private static bool IsPkcs12(string path) =>
        path.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".p12", StringComparison.OrdinalIgnoreCase);

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
