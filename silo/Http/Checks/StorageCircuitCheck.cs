using Hive.Silo.Storage.Resilience;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Hive.Silo.Http.Checks;

/// <summary>
/// Readiness in durable mode: the append stores' circuit breaker is not open. An open circuit means this silo's
/// storage calls fail at once, so it should not take new work until the break is over and a probe call succeeds.
/// </summary>
public sealed class StorageCircuitCheck(StorageHealth health, IStorageSignals signals) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var snapshot = health.Snapshot();
        var data = new Dictionary<string, object> { ["circuit"] = snapshot.Circuit.ToString() };
        if (snapshot.OpenUntil is { } until) data["openUntil"] = until;
        return Task.FromResult(signals.CircuitOpen
            ? HealthCheckResult.Unhealthy("the storage circuit is open: storage calls fail fast", data: data)
            : HealthCheckResult.Healthy($"the storage circuit is {snapshot.Circuit.ToString().ToLowerInvariant()}", data));
    }
}
