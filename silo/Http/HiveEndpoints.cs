namespace Hive.Silo.Http;

/// <summary>
/// Every path the silo serves over HTTP, in one place: the Kubernetes probes, the Prometheus scrape config and the
/// manifest tests all read them from here.
/// </summary>
public static class HiveEndpoints
{
    /// <summary>Liveness: the process answers. No dependency, no grain call.</summary>
    public const string Live = "/health/live";

    /// <summary>Readiness: silo active, storage and Redis reachable, storage circuit closed, not shutting down.</summary>
    public const string Ready = "/health/ready";

    /// <summary>Startup: the host (Orleans included) finished starting.</summary>
    public const string Startup = "/health/startup";

    /// <summary>Every check in detail, the service level and the cluster's members; needs the admin token.</summary>
    public const string Health = "/health";

    /// <summary>Prometheus scrape endpoint.</summary>
    public const string Metrics = "/metrics";
}
