namespace Hive.Agents;

/// <summary>The outcome of asking the agent lifecycle for a transition: the new status, or why not.</summary>
public readonly record struct AgentTransition(bool Allowed, AgentStatus To, string? Error)
{
    public static AgentTransition Move(AgentStatus to) => new(true, to, null);
    public static AgentTransition Deny(string error) => new(false, default, error);
}

/// <summary>
/// The agent status machine, pure so it can be table-tested. <paramref name="hasTask"/> says whether the agent
/// holds a task; <paramref name="draining"/> whether it was deregistered while holding one.
/// </summary>
public static class AgentLifecycle
{
    public static AgentTransition Transition(AgentStatus from, AgentTrigger trigger, bool hasTask = false, bool draining = false) =>
        (trigger, from) switch
        {
            (AgentTrigger.Register, AgentStatus.Offline) => AgentTransition.Move(AgentStatus.Registered),
            (AgentTrigger.Register, _) => AgentTransition.Move(from),

            (AgentTrigger.Heartbeat, AgentStatus.Offline) => AgentTransition.Deny("the agent is offline; register it again before sending heartbeats"),
            (AgentTrigger.Heartbeat, AgentStatus.Registered) => AgentTransition.Move(AgentStatus.Ready),
            (AgentTrigger.Heartbeat, AgentStatus.Unresponsive) => AgentTransition.Move(hasTask ? AgentStatus.Busy : AgentStatus.Ready),
            (AgentTrigger.Heartbeat, _) => AgentTransition.Move(from),

            (AgentTrigger.TaskAssigned, _) when draining => AgentTransition.Deny("the agent is draining and takes no new tasks"),
            (AgentTrigger.TaskAssigned, AgentStatus.Registered or AgentStatus.Ready) when hasTask => AgentTransition.Deny("the agent already holds a task; finish it first"),
            (AgentTrigger.TaskAssigned, AgentStatus.Registered or AgentStatus.Ready) => AgentTransition.Move(AgentStatus.Busy),
            (AgentTrigger.TaskAssigned, AgentStatus.Busy) => AgentTransition.Deny("the agent already holds a task; finish it first"),
            (AgentTrigger.TaskAssigned, AgentStatus.Suspended) => AgentTransition.Deny("the agent is suspended and takes no new tasks"),
            (AgentTrigger.TaskAssigned, AgentStatus.Unresponsive) => AgentTransition.Deny("the agent is unresponsive; send a heartbeat first"),
            (AgentTrigger.TaskAssigned, _) => AgentTransition.Deny($"an agent that is {from} cannot take a task"),

            (AgentTrigger.TaskReleased, _) when draining => AgentTransition.Move(AgentStatus.Offline),
            (AgentTrigger.TaskReleased, AgentStatus.Busy) => AgentTransition.Move(AgentStatus.Ready),
            (AgentTrigger.TaskReleased, _) => AgentTransition.Move(from),

            (AgentTrigger.MissedHeartbeat, AgentStatus.Registered or AgentStatus.Ready or AgentStatus.Busy) => AgentTransition.Move(AgentStatus.Unresponsive),
            (AgentTrigger.MissedHeartbeat, _) => AgentTransition.Deny($"an agent that is {from} is not watched for heartbeats"),

            (AgentTrigger.Suspend, AgentStatus.Suspended) => AgentTransition.Deny("the agent is already suspended"),
            (AgentTrigger.Suspend, AgentStatus.Offline) => AgentTransition.Deny("the agent is offline"),
            (AgentTrigger.Suspend, _) => AgentTransition.Move(AgentStatus.Suspended),

            (AgentTrigger.Resume, AgentStatus.Suspended) => AgentTransition.Move(hasTask ? AgentStatus.Busy : AgentStatus.Ready),
            (AgentTrigger.Resume, _) => AgentTransition.Deny($"only a suspended agent can be resumed; this one is {from}"),

            (AgentTrigger.Deregister, AgentStatus.Offline) => AgentTransition.Deny("the agent is already offline"),
            (AgentTrigger.Deregister, _) => AgentTransition.Move(hasTask ? from : AgentStatus.Offline),

            _ => AgentTransition.Deny($"{trigger} is not defined for an agent that is {from}"),
        };

    /// <summary>
    /// Where a newly registered or restored agent starts: registered, watched for heartbeats (a restored one only from its
    /// first), until a heartbeat makes it ready. An offline agent registering again lands here too.
    /// </summary>
    public static AgentStatus Initial => AgentStatus.Registered;

    /// <summary>Statuses in which a missed heartbeat deadline makes the agent unresponsive.</summary>
    public static bool IsWatched(AgentStatus status) =>
        status is AgentStatus.Registered or AgentStatus.Ready or AgentStatus.Busy;

    /// <summary>
    /// Whether a missed heartbeat deadline makes the agent unresponsive: in a watched status, and not a restored agent
    /// still waiting for its first heartbeat (it has had no chance to send one yet).
    /// </summary>
    public static bool IsWatched(AgentStatus status, bool awaitingFirstHeartbeat) => !awaitingFirstHeartbeat && IsWatched(status);
}
