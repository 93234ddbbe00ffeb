namespace Hive.Memory;

/// <summary>Lists the live keys of one channel, ordered by key (ordinal), one page at a time.</summary>
[GenerateSerializer, Immutable, Alias("hive.memory-key-query.v1")]
public sealed record MemoryKeyQuery(
    [property: Id(0)] string Namespace,
    [property: Id(1)] string Channel,
    [property: Id(2)] int PageSize = Common.Limits.DefaultPageSize,
    [property: Id(3)] string? PageToken = null);
