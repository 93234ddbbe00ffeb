namespace Hive.Memory;

/// <summary>One live key of a channel listing. Deleted and expired keys are never listed.</summary>
[GenerateSerializer, Immutable, Alias("hive.memory-key-summary.v1")]
public sealed record MemoryKeySummary(
    [property: Id(0)] string Key,
    [property: Id(1)] long Version,
    [property: Id(2)] string Author,
    [property: Id(3)] DateTimeOffset UpdatedAt,
    [property: Id(4)] DateTimeOffset? ExpiresAt);
