using Hive.Silo.Hosting;

namespace Hive.Silo.Http;

/// <summary>The silo's HTTP server: probes, metrics and detailed health. Bound from <c>Hive:Http</c>.</summary>
public sealed class HiveHttpOptions
{
    public const string Section = "Hive:Http";

    /// <summary>The shortest admin token accepted: a guessable token would make the detailed health public.</summary>
    public const int MinimumTokenLength = 16;

    /// <summary>Where Kestrel listens: one URL or several separated by ';' (<c>http://0.0.0.0:8080</c>, <c>http://127.0.0.1:0</c>).</summary>
    public string Urls { get; set; } = "http://0.0.0.0:8080";

    /// <summary>
    /// A bearer token that opens <see cref="HiveEndpoints.Health"/> (an operator credential with scope <c>read</c> opens it
    /// too). Unset means only such credentials get the detail, so a forgotten secret never exposes it.
    /// </summary>
    public string? AdminToken { get; set; }

    /// <summary>
    /// After shutdown begins, the silo keeps serving this long while <see cref="HiveEndpoints.Ready"/> answers 503, so a
    /// load balancer that polls readiness takes it out before it stops. Zero by default: in Kubernetes the preStop
    /// delay does this job. Counts against <c>Hive:Silo:ShutdownTimeout</c>.
    /// </summary>
    public TimeSpan DrainDelay { get; set; } = TimeSpan.Zero;

    /// <summary>The certificate for https:// URLs (PEM or <c>.pfx</c>); unset, the silo's <c>Hive:Tls</c> certificate serves them.</summary>
    public string? CertificatePath { get; set; }

    public string? KeyPath { get; set; }

    public string? CertificatePassword { get; set; }

    public IReadOnlyList<string> UrlList => Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public bool UsesHttps => UrlList.Any(u => u.StartsWith("https://", StringComparison.OrdinalIgnoreCase));

    /// <summary>The files https:// URLs are served with: this section's, else the silo's TLS certificate; null when neither is set.</summary>
    public (string Path, string? KeyPath, string? Password)? HttpsCertificate(HiveTlsOptions tls)
    {
        ArgumentNullException.ThrowIfNull(tls);
        if (!string.IsNullOrWhiteSpace(CertificatePath)) return (CertificatePath, KeyPath, CertificatePassword);
        return tls.Enabled && !string.IsNullOrWhiteSpace(tls.CertificatePath) ? (tls.CertificatePath, tls.KeyPath, tls.CertificatePassword) : null;
    }
}
