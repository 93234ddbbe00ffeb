namespace Hive.Tasks;

/// <summary>A snapshot of a task as the hive sees it now.</summary>
[GenerateSerializer, Immutable, Alias("hive.task-info.v1")]
public sealed record TaskInfo(
    [property: Id(0)] TaskSpec Spec,
    [property: Id(1)] HiveTaskStatus Status,
    [property: Id(2)] string? AssignedAgent,
    [property: Id(3)] int Attempts,
    [property: Id(4)] int ProgressPercent,
    [property: Id(5)] string? ProgressNote,
    [property: Id(6)] IReadOnlyList<Approval> Approvals,
    [property: Id(7)] string? StatusReason,
    [property: Id(8)] IReadOnlyList<string> PendingPrerequisites,
    [property: Id(9)] DateTimeOffset CreatedAt,
    [property: Id(10)] DateTimeOffset UpdatedAt,
    [property: Id(11)] DateTimeOffset? Deadline,
    [property: Id(12)] string? Result,
    [property: Id(13)] long Version)
{
    public string Id => Spec.Id;
}

/// <summary>A sign-off given for one required role.</summary>
[GenerateSerializer, Immutable, Alias("hive.approval.v1")]
public sealed record Approval(
    [property: Id(0)] string Role,
    [property: Id(1)] string AgentId,
    [property: Id(2)] string? Note,
    [property: Id(3)] DateTimeOffset At);
