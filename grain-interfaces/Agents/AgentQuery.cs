namespace Hive.Agents;

/// <summary>A filter for listing agents; null fields match everything.</summary>
[GenerateSerializer, Immutable, Alias("hive.agent-query.v1")]
public sealed record AgentQuery(
    [property: Id(0)] AgentStatus? Status = null,
    [property: Id(1)] string? Role = null,
    [property: Id(2)] int PageSize = Common.Limits.DefaultPageSize,
    [property: Id(3)] string? PageToken = null);

/// <summary>One row of an agent listing.</summary>
[GenerateSerializer, Immutable, Alias("hive.agent-summary.v1")]
public sealed record AgentSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] AgentStatus Status,
    [property: Id(3)] IReadOnlyList<string> Roles,
    [property: Id(4)] string? CurrentTaskId,
    [property: Id(5)] DateTimeOffset UpdatedAt);
