using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Hive.Silo.Http.Checks;

/// <summary>Readiness fails the moment shutdown begins, so load balancers stop sending work to a silo on its way out.</summary>
public sealed class NotStoppingCheck(IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(lifetime.ApplicationStopping.IsCancellationRequested
            ? HealthCheckResult.Unhealthy("the silo is shutting down")
            : HealthCheckResult.Healthy("not shutting down"));
}
