namespace Hive.Silo.Hosting;

/// <summary>
/// TLS on the silo-to-silo and gateway ports. Bound from <c>Hive:Tls</c>; off unless <see cref="Enabled"/>. The files fit a
/// mounted cert-manager Secret: <c>tls.crt</c>, <c>tls.key</c>, <c>ca.crt</c>.
/// </summary>
public sealed class HiveTlsOptions
{
    public const string Section = "Hive:Tls";

    public bool Enabled { get; set; }

    /// <summary>The silo's certificate: PEM (key in <see cref="KeyPath"/> or the same file) or <c>.pfx</c>. Presented to clients and, as a client certificate, to other silos.</summary>
    public string? CertificatePath { get; set; }

    public string? KeyPath { get; set; }

    /// <summary>The password of a <c>.pfx</c> or an encrypted PEM key.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>The authority (PEM) that silo certificates and client certificates must chain to; the system's trusted roots when unset.</summary>
    public string? CaPath { get; set; }

    /// <summary>Clients must present a certificate that chains to <see cref="CaPath"/>. Between silos a certificate is always required.</summary>
    public bool RequireClientCertificate { get; set; }
}
