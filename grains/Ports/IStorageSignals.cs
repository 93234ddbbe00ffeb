namespace Hive.Ports;

/// <summary>What the storage layer knows about its own health; absent in in-memory mode, where storage cannot fail.</summary>
public interface IStorageSignals
{
    bool CircuitOpen { get; }

    /// <summary>Recent storage latency in milliseconds; null before any call.</summary>
    double? LatencyMs { get; }
}
