namespace Hive.Health;

/// <summary>
/// What one silo measured over its last interval. Missing measurements are null and count as healthy. It carries no
/// time: the health grain stamps a report when it receives it, so no reporter can make its report look fresher or older.
/// </summary>
[GenerateSerializer, Immutable, Alias("hive.silo-signals.v1")]
public sealed record SiloSignals(
    [property: Id(0)] string Silo,
    [property: Id(2)] double? CpuPercent,
    [property: Id(3)] double? MemoryPercent,
    [property: Id(4)] double? FailedCallRate,
    [property: Id(5)] bool StorageCircuitOpen,
    [property: Id(6)] double? StorageLatencyMs);
