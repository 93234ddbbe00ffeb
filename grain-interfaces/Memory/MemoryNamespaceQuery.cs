namespace Hive.Memory;

/// <summary>Lists the memory namespaces that have at least one channel, one page at a time.</summary>
[GenerateSerializer, Immutable, Alias("hive.memory-namespace-query.v1")]
public sealed record MemoryNamespaceQuery(
    [property: Id(0)] int PageSize = Common.Limits.DefaultPageSize,
    [property: Id(1)] string? PageToken = null);
