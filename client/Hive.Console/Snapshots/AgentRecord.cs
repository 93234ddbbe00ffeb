namespace Hive.Console.Snapshots;

/// <summary>An agent in a snapshot. Heartbeat, load and registration time describe the old hive's view of its liveness.</summary>
internal sealed record AgentRecord(
    AgentSpec Spec,
    AgentStatus Status,
    bool Draining,
    string? CurrentTaskId,
    string? StatusReason,
    DateTimeOffset RegisteredAt,
    DateTimeOffset? LastHeartbeat,
    double Load)
{
    public static AgentRecord From(AgentInfo a) =>
        new(a.Spec, a.Status, a.Draining, a.CurrentTaskId, a.StatusReason, a.RegisteredAt, a.LastHeartbeat, a.Load);
}
