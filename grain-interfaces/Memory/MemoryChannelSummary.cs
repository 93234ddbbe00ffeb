namespace Hive.Memory;

/// <summary>One channel of a namespace listing: a channel that has recorded at least one change.</summary>
[GenerateSerializer, Immutable, Alias("hive.memory-channel-summary.v1")]
public sealed record MemoryChannelSummary(
    [property: Id(0)] string Namespace,
    [property: Id(1)] string Channel);
