using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Hive.Silo.Http.Checks;

/// <summary>Readiness: this silo is an active member of its cluster (joined, not joining, not leaving, not declared dead).</summary>
public sealed class SiloActiveCheck(ISiloStatusOracle oracle) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = oracle.CurrentStatus;
        var data = new Dictionary<string, object> { ["status"] = status.ToString() };
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy("the silo is active in the cluster", data)
            : HealthCheckResult.Unhealthy($"the silo is {status}, not active", data: data));
    }
}
