namespace Hive.Memory;

/// <summary>Lists the channels of one namespace, ordered by name (ordinal), one page at a time.</summary>
[GenerateSerializer, Immutable, Alias("hive.memory-channel-query.v1")]
public sealed record MemoryChannelQuery(
    [property: Id(0)] string Namespace,
    [property: Id(1)] int PageSize = Common.Limits.DefaultPageSize,
    [property: Id(2)] string? PageToken = null);
