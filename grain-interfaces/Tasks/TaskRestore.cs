namespace Hive.Tasks;

/// <summary>
/// A task as a snapshot of another hive recorded it, for <see cref="ITaskGrain.Restore"/>: its spec and where its
/// lifecycle stood. Timestamps other than <see cref="CreatedAt"/> and <see cref="Deadline"/> belong to the new hive.
/// </summary>
[GenerateSerializer, Immutable, Alias("hive.task-restore.v1")]
public sealed record TaskRestore(
    [property: Id(0)] TaskSpec Spec,
    [property: Id(1)] HiveTaskStatus Status,
    [property: Id(2)] string? AssignedAgent = null,
    [property: Id(3)] int Attempts = 0,
    [property: Id(4)] int ProgressPercent = 0,
    [property: Id(5)] string? ProgressNote = null,
    [property: Id(6)] IReadOnlyList<Approval>? Approvals = null,
    [property: Id(7)] string? StatusReason = null,
    [property: Id(8)] string? Result = null,
    [property: Id(9)] DateTimeOffset? CreatedAt = null,
    [property: Id(10)] DateTimeOffset? Deadline = null);
