namespace Hive.Client.Tls;

/// <summary>TLS from the client to the gateways. Bound from <c>Hive:Client:Tls</c>; off unless <see cref="Enabled"/>.</summary>
public sealed class HiveClientTlsOptions
{
    public const string Section = HiveClientOptions.Section + ":Tls";

    public bool Enabled { get; set; }

    /// <summary>The authority (PEM, for example a mounted <c>ca.crt</c>) the gateway's certificate must chain to; the system's trusted roots when unset.</summary>
    public string? CaPath { get; set; }

    /// <summary>This client's certificate (PEM or <c>.pfx</c>), for a hive that requires client certificates.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The private key of <see cref="CertificatePath"/> in PEM; unset when it is in the same file or a <c>.pfx</c>.</summary>
    public string? KeyPath { get; set; }

    /// <summary>The password of a <c>.pfx</c> or an encrypted PEM key.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>The name the gateway's certificate must carry (for example <c>hive-gateway.hive.svc</c>); unset, any name is accepted.</summary>
    public string? TargetHost { get; set; }
}
