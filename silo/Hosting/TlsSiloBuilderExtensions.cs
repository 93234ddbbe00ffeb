using Hive.Client.Tls;
using Orleans.Configuration;
using Orleans.Connections.Security;

namespace Hive.Silo.Hosting;

/// <summary>TLS on the silo port (inbound and outbound) and the gateway port, from <see cref="HiveTlsOptions"/> (validated before).</summary>
public static class TlsSiloBuilderExtensions
{
    public static ISiloBuilder UseHiveTls(this ISiloBuilder silo, HiveTlsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var certificate = TlsFiles.LoadCertificate(options.CertificatePath!, options.KeyPath, options.CertificatePassword);
        var authorities = string.IsNullOrWhiteSpace(options.CaPath) ? null : TlsFiles.LoadAuthorities(options.CaPath);
        var trust = new PeerTrust(authorities, hostName: null);
        // Orleans' UseTls applies one policy to both ports. Silos always authenticate each other with their certificate,
        // while the gateway asks clients for one only when told to: hence two policies on the connection builders it wires.
        var peers = Policy(certificate, trust, RemoteCertificateMode.RequireCertificate);
        var clients = Policy(certificate, trust, options.RequireClientCertificate ? RemoteCertificateMode.RequireCertificate : RemoteCertificateMode.NoCertificate);
        return silo.Configure<SiloConnectionOptions>(connections =>
        {
            connections.ConfigureSiloInboundConnection(connection => connection.UseServerTls(peers));
            connections.ConfigureSiloOutboundConnection(connection => connection.UseClientTls(peers));
            connections.ConfigureGatewayInboundConnection(connection => connection.UseServerTls(clients));
        });
    }

    private static TlsOptions Policy(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate, PeerTrust trust, RemoteCertificateMode remote) => new()
    {
        LocalCertificate = certificate,
        RemoteCertificateMode = remote,
        ClientCertificateMode = RemoteCertificateMode.RequireCertificate,
        RemoteCertificateValidation = (peer, chain, _) => trust.Accepts(peer, chain),
    };
}
