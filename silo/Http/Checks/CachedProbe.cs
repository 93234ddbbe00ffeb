using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Hive.Silo.Http.Checks;

/// <summary>
/// A check that asks a dependency over the network, at most once per <see cref="Freshness"/>: kubelets, load balancers
/// and operators poll readiness often, and concurrent or back-to-back requests share one round trip. A probe that does
/// not answer within <see cref="ProbeTimeout"/> counts as unhealthy.
/// </summary>
public abstract class CachedProbe(TimeProvider time) : IHealthCheck
{
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(1);

    /// <summary>Below the readiness probe's 2 s timeout (k8s/base/deployment.yaml), so a black hole reads as 503, not as no answer.</summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromMilliseconds(1500);

    private readonly Lock _gate = new();
    private Task<HealthCheckResult>? _latest;
    private long _startedAt;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        Task<HealthCheckResult> probe;
        lock (_gate)
        {
            if (_latest is null || (_latest.IsCompleted && time.GetElapsedTime(_startedAt) >= Freshness))
            {
                _startedAt = time.GetTimestamp();
                _latest = Task.Run(RunAsync);
            }
            probe = _latest;
        }
        // The shared probe runs on its own timeout: one caller giving up must not fail the answer for the others.
        return probe.WaitAsync(cancellationToken);
    }

    /// <summary>Asks the dependency; throws when it cannot answer.</summary>
    protected abstract Task<HealthCheckResult> ProbeAsync(CancellationToken cancellationToken);

    /// <summary>What went wrong, without secrets: detailed health shows it to operators.</summary>
    protected abstract string Describe(Exception error);

    private async Task<HealthCheckResult> RunAsync()
    {
        using var timeout = new CancellationTokenSource(ProbeTimeout, time);
        try
        {
            // WaitAsync as well: a client library that ignores cancellation on a dead connection must not hold the probe.
            return await ProbeAsync(timeout.Token).WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"no answer within {ProbeTimeout.TotalSeconds:0.#} s");
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy(Describe(e));
        }
    }
}
