using Hive.Ports;

namespace Hive.Agents;

/// <summary>What an agent grain persists. Heartbeats are not written one by one; see <see cref="LastHeartbeat"/>.</summary>
[GenerateSerializer, Alias("hive.agent-state.v1")]
public sealed class AgentState : IEntityState<AgentStatus>
{
    [Id(0)] public AgentSpec? Spec { get; set; }
    [Id(1)] public AgentStatus Status { get; set; }
    [Id(2)] public bool Draining { get; set; }
    [Id(3)] public string? CurrentTaskId { get; set; }

    /// <summary>The heartbeat known at the last write; exact when the activation was deactivated gracefully.</summary>
    [Id(4)] public DateTimeOffset? LastHeartbeat { get; set; }
    [Id(5)] public DateTimeOffset RegisteredAt { get; set; }
    [Id(6)] public DateTimeOffset UpdatedAt { get; set; }
    [Id(7)] public string? StatusReason { get; set; }
    [Id(8)] public long Version { get; set; }

    /// <summary>Set when a watched agent's activation went away: the sweeper wakes it then to check its deadline.</summary>
    [Id(9)] public DateTimeOffset? ParkedWakeAt { get; set; }

    /// <summary>Outbox: the unresponsive alert still to be raised or cleared.</summary>
    [Id(10)] public PendingAlert? AlertToSend { get; set; }

    /// <summary>Set for an agent restored from a snapshot: its heartbeats are not watched until the first one arrives.</summary>
    [Id(11)] public bool AwaitingFirstHeartbeat { get; set; }
}
