using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Hive.Silo.Http.Checks;

/// <summary>Startup: every hosted service, the Orleans silo among them, has started.</summary>
public sealed class StartedCheck(IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(lifetime.ApplicationStarted.IsCancellationRequested
            ? HealthCheckResult.Healthy("the silo has started")
            : HealthCheckResult.Unhealthy("the silo is still starting"));
}
