namespace Hive.Console.Snapshots;

/// <summary>A task in a snapshot: its spec and where its lifecycle stood.</summary>
internal sealed record TaskRecord(
    TaskSpec Spec,
    HiveTaskStatus Status,
    string? AssignedAgent,
    int Attempts,
    int ProgressPercent,
    string? ProgressNote,
    IReadOnlyList<Approval> Approvals,
    string? StatusReason,
    string? Result,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? Deadline)
{
    public static TaskRecord From(TaskInfo t) => new(t.Spec, t.Status, t.AssignedAgent, t.Attempts, t.ProgressPercent, t.ProgressNote,
        t.Approvals, t.StatusReason, t.Result, t.CreatedAt, t.UpdatedAt, t.Deadline);

    public TaskRestore ToRestore() => new(Spec, Status, AssignedAgent, Attempts, ProgressPercent, ProgressNote, Approvals, StatusReason,
        Result, CreatedAt, Deadline);
}
