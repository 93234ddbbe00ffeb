using Orleans.Connections.Security;
using Orleans.Hosting;

namespace Hive.Client.Tls;

/// <summary>TLS on every connection the client opens to a gateway, from <see cref="HiveClientTlsOptions"/> (validated before).</summary>
internal static class TlsClientBuilderExtensions
{
    public static IClientBuilder UseHiveTls(this IClientBuilder client, HiveClientTlsOptions options)
    {
        var authorities = string.IsNullOrWhiteSpace(options.CaPath) ? null : TlsFiles.LoadAuthorities(options.CaPath);
        var trust = new PeerTrust(authorities, options.TargetHost);
        return client.UseTls(tls =>
        {
            if (!string.IsNullOrWhiteSpace(options.CertificatePath))
                tls.LocalCertificate = TlsFiles.LoadCertificate(options.CertificatePath, options.KeyPath, options.CertificatePassword);
            tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
            tls.ClientCertificateMode = tls.LocalCertificate is null ? RemoteCertificateMode.NoCertificate : RemoteCertificateMode.RequireCertificate;
            tls.RemoteCertificateValidation = (certificate, chain, _) => trust.Accepts(certificate, chain);
            if (!string.IsNullOrWhiteSpace(options.TargetHost))
                tls.OnAuthenticateAsClient = (_, ssl) => ssl.TargetHost = options.TargetHost;
        });
    }
}
