namespace Hive.Tasks;

/// <summary>A filter for listing tasks; null fields match everything.</summary>
[GenerateSerializer, Immutable, Alias("hive.task-query.v1")]
public sealed record TaskQuery(
    [property: Id(0)] HiveTaskStatus? Status = null,
    [property: Id(1)] string? Type = null,
    [property: Id(2)] string? AssignedAgent = null,
    [property: Id(3)] int PageSize = Common.Limits.DefaultPageSize,
    [property: Id(4)] string? PageToken = null);

/// <summary>One row of a task listing.</summary>
[GenerateSerializer, Immutable, Alias("hive.task-summary.v1")]
public sealed record TaskSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] string Type,
    [property: Id(3)] HiveTaskStatus Status,
    [property: Id(4)] int Priority,
    [property: Id(5)] string? AssignedAgent,
    [property: Id(6)] DateTimeOffset CreatedAt,
    [property: Id(7)] DateTimeOffset UpdatedAt);
