namespace Hive.Silo.Storage.Resilience;

/// <summary>
/// The append stores' view of PostgreSQL at one moment. <see cref="OpenUntil"/> is when an open circuit lets the next
/// call probe the database. Latencies are of successful attempts: an exponentially weighted average and percentiles
/// over the most recent <see cref="LatencySamples"/> attempts; all zero before the first success.
/// </summary>
public sealed record StorageHealthSnapshot(
    StorageCircuit Circuit,
    DateTimeOffset? OpenUntil,
    DateTimeOffset? LastSuccessAt,
    DateTimeOffset? LastFailureAt,
    string? LastFailure,
    long Successes,
    long Failures,
    double LatencyEwmaMs,
    double LatencyP50Ms,
    double LatencyP95Ms,
    double LatencyP99Ms,
    int LatencySamples);
