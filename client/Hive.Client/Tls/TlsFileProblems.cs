using System.Security.Cryptography;

namespace Hive.Client.Tls;

/// <summary>Tries the configured files the way the transport will load them, so a wrong path or key is one line at start naming its key.</summary>
public static class TlsFileProblems
{
    /// <summary>Problems with a certificate and its key; <paramref name="section"/> is the configuration section that names them.</summary>
    public static IEnumerable<string> Certificate(string section, string? certificatePath, string? keyPath, string? password)
    {
        if (string.IsNullOrWhiteSpace(certificatePath))
        {
            if (!string.IsNullOrWhiteSpace(keyPath)) yield return $"{section}:KeyPath is set without {section}:CertificatePath.";
            yield break;
        }
        if (!File.Exists(certificatePath))
        {
            yield return $"{section}:CertificatePath '{certificatePath}' does not exist.";
            yield break;
        }
        if (!string.IsNullOrWhiteSpace(keyPath) && !File.Exists(keyPath))
        {
            yield return $"{section}:KeyPath '{keyPath}' does not exist.";
            yield break;
        }
        var problem = Try(() => TlsFiles.LoadCertificate(certificatePath, keyPath, password).Dispose());
        if (problem is not null)
            yield return $"{section}:CertificatePath '{certificatePath}' (with {section}:KeyPath and {section}:CertificatePassword) is not a usable certificate and private key: {problem}.";
    }

    /// <summary>Problems with a PEM file of trusted authorities.</summary>
    public static IEnumerable<string> Authorities(string section, string? caPath)
    {
        if (string.IsNullOrWhiteSpace(caPath)) yield break;
        if (!File.Exists(caPath))
        {
            yield return $"{section}:CaPath '{caPath}' does not exist.";
            yield break;
        }
        var problem = Try(() =>
        {
            foreach (var authority in TlsFiles.LoadAuthorities(caPath)) authority.Dispose();
        });
        if (problem is not null) yield return $"{section}:CaPath '{caPath}' is not a PEM certificate bundle: {problem}.";
    }

    private static string? Try(Action load)
    {
        try
        {
            load();
            return null;
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            return e.Message.TrimEnd('.');
        }
    }
}
