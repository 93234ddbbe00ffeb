namespace Hive.Silo.Storage.Resilience;

/// <summary>Hands the append stores' circuit and latency to the health reporter (and so to the service level).</summary>
public sealed class StorageSignals(StorageHealth health, TimeProvider? time = null) : IStorageSignals
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Open only until it lets the next call probe PostgreSQL, so a recovered database is not held against the hive.</summary>
    public bool CircuitOpen
    {
        get
        {
            var now = health.Snapshot();
            return now.Circuit == StorageCircuit.Open && (now.OpenUntil is null || now.OpenUntil > _time.GetUtcNow());
        }
    }

    /// <summary>How far back the latency signal looks: several health evaluations, so one quiet interval is not "healthy".</summary>
    public static readonly TimeSpan LatencyWindow = TimeSpan.FromSeconds(30);

    public double? LatencyMs => health.RecentLatencyP99(LatencyWindow);
}
