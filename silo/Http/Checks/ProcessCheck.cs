using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Hive.Silo.Http.Checks;

/// <summary>
/// Liveness: answering at all is the signal. It touches no dependency on purpose, so a database or Redis outage
/// never gets silos restarted (restarts would only add activation storms to the outage).
/// </summary>
public sealed class ProcessCheck : IHealthCheck
{
    private static readonly Task<HealthCheckResult> Alive = Task.FromResult(HealthCheckResult.Healthy("the process answers"));

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) => Alive;
}
