using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Hive.Tests.Tls;

/// <summary>
/// A CA, a server certificate for localhost / 127.0.0.1 (usable by a silo towards its peers too), a client certificate,
/// and a second, untrusted CA with a client certificate of its own, written as PEM files into a temporary folder laid
/// out like a cert-manager Secret. Deleted on dispose; nothing of it is ever committed.
/// </summary>
public sealed class ThrowawayPki : IDisposable
{
    private static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2");
    private readonly DateTimeOffset _from = DateTimeOffset.UtcNow.AddMinutes(-5);
    private readonly DateTimeOffset _until = DateTimeOffset.UtcNow.AddDays(1);

    public ThrowawayPki()
    {
        Folder = Directory.CreateTempSubdirectory("hive-tls-").FullName;
        using var ca = Authority("Hive Test CA");
        using var stranger = Authority("Stranger CA");
        Write(ca, "ca.crt", key: null);
        Write(stranger, "stranger-ca.crt", key: null);
        using var silo = Issue(ca, "hive-silo", [ServerAuth, ClientAuth], server: true);
        Write(silo, "tls.crt", "tls.key");
        using var client = Issue(ca, "hive-client", [ClientAuth], server: false);
        Write(client, "client.crt", "client.key");
        using var strangerClient = Issue(stranger, "stranger-client", [ClientAuth], server: false);
        Write(strangerClient, "stranger.crt", "stranger.key");
    }

    public string Folder { get; }

    public string Path(string file) => System.IO.Path.Combine(Folder, file);

    public string Ca => Path("ca.crt");
    public string ServerCertificate => Path("tls.crt");
    public string ServerKey => Path("tls.key");
    public string ClientCertificate => Path("client.crt");
    public string ClientKey => Path("client.key");
    public string StrangerCa => Path("stranger-ca.crt");
    public string StrangerCertificate => Path("stranger.crt");
    public string StrangerKey => Path("stranger.key");

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    private X509Certificate2 Authority(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(_from, _until);
    }

    private X509Certificate2 Issue(X509Certificate2 authority, string name, Oid[] usages, bool server)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([.. usages], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, true, false));
        if (server)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName("localhost");
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
        }
        using var issued = request.Create(authority, _from, _until, RandomNumberGenerator.GetBytes(16));
        return issued.CopyWithPrivateKey(key);
    }

    private void Write(X509Certificate2 certificate, string file, string? key)
    {
        File.WriteAllText(Path(file), certificate.ExportCertificatePem());
        if (key is null) return;
        using var privateKey = certificate.GetECDsaPrivateKey()!;
        File.WriteAllText(Path(key), privateKey.ExportPkcs8PrivateKeyPem());
    }
}
