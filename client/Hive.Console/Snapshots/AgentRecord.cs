using System.Text.Json.Serialization;

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
    /// <summary>The reason an import suspends the agent with: its own, or a note of where it was suspended. Not part of the snapshot.</summary>
    [JsonIgnore]
    public string SuspendReason => StatusReason ?? "suspended in the hive this snapshot came from";

    public static AgentRecord From(AgentInfo a) =>
        new(a.Spec, a.Status, a.Draining, a.CurrentTaskId, a.StatusReason, a.RegisteredAt, a.LastHeartbeat, a.Load);
}
