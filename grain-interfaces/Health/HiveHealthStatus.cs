namespace Hive.Health;

/// <summary>The hive's service level and halt switch now, and why.</summary>
[GenerateSerializer, Immutable, Alias("hive.health-status.v1")]
public sealed record HiveHealthStatus(
    [property: Id(0)] ServiceLevel Level,
    [property: Id(1)] ServiceLevel EvaluatedLevel,
    [property: Id(2)] ServiceLevel? PinnedLevel,
    [property: Id(3)] string? PinnedBy,
    [property: Id(4)] bool Halted,
    [property: Id(5)] string? HaltedBy,
    [property: Id(6)] string? HaltReason,
    [property: Id(7)] string Reason,
    [property: Id(8)] DateTimeOffset UpdatedAt,
    [property: Id(9)] long Version)
{
    public static HiveHealthStatus Initial { get; } =
        new(ServiceLevel.Full, ServiceLevel.Full, null, null, false, null, null, "all signals healthy", DateTimeOffset.MinValue, 0);
}
