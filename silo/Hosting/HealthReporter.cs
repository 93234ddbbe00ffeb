using System.Diagnostics;
using Hive.Health;

namespace Hive.Silo.Hosting;

/// <summary>
/// Keeps this silo's copy of the service level fresh (every <see cref="HealthOptions.CacheRefreshInterval"/>) and
/// reports the silo's signals — CPU, memory, failed calls, storage — and refreshes the count gauges every evaluation interval.
/// </summary>
public sealed partial class HealthReporter(
    IGrainFactory grains,
    ServiceLevelCache cache,
    CallStats calls,
    ILocalSiloDetails silo,
    IEntityCatalog catalog,
    HiveMetrics metrics,
    IOptions<HealthOptions> options,
    ILogger<HealthReporter> log,
    IStorageSignals? storage = null) : BackgroundService
{
    private TimeSpan _lastCpu = Process.GetCurrentProcess().TotalProcessorTime;
    private long _lastTicks = Stopwatch.GetTimestamp();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var health = grains.GetGrain<IHiveHealthGrain>(0);
        var signals = health.AsReference<ISiloSignalsGrain>();
        var nextReport = DateTime.UtcNow;
        using var ticks = new PeriodicTimer(options.Value.CacheRefreshInterval);
        do
        {
            try
            {
                cache.Update(await health.GetStatus());
                if (DateTime.UtcNow >= nextReport)
                {
                    nextReport = DateTime.UtcNow + options.Value.EvaluationInterval;
                    if (options.Value.ReportSiloSignals) await signals.ReportSignals(Measure());
                    await RefreshCountsAsync(stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRefreshFailed(log, e.Message);
            }
        }
        while (await ticks.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Feeds the agents/tasks/escalations-by-status gauges from the catalog.</summary>
    private async Task RefreshCountsAsync(CancellationToken cancellationToken)
    {
        metrics.UpdateCounts("agent", await catalog.CountByStatusAsync(EntityKind.Agent, cancellationToken));
        metrics.UpdateCounts("task", await catalog.CountByStatusAsync(EntityKind.Task, cancellationToken));
        metrics.UpdateCounts("escalation", await catalog.CountByStatusAsync(EntityKind.Escalation, cancellationToken));
    }

    private SiloSignals Measure()
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var now = Stopwatch.GetTimestamp();
        var elapsed = Stopwatch.GetElapsedTime(_lastTicks, now);
        var cpuPercent = elapsed > TimeSpan.Zero ? 100 * (cpu - _lastCpu) / (elapsed * Environment.ProcessorCount) : (double?)null;
        (_lastCpu, _lastTicks) = (cpu, now);
        var memory = GC.GetGCMemoryInfo();
        var memoryPercent = memory.TotalAvailableMemoryBytes > 0 ? 100.0 * memory.MemoryLoadBytes / memory.TotalAvailableMemoryBytes : (double?)null;
        return new SiloSignals(silo.SiloAddress.ToString(), cpuPercent, memoryPercent, calls.TakeFailureRate(),
            storage?.CircuitOpen ?? false, storage?.LatencyMs);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not refresh the service level: {Reason}")]
    private static partial void LogRefreshFailed(ILogger logger, string reason);
}
