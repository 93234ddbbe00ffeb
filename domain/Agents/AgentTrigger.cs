namespace Hive.Agents;

/// <summary>What can happen to an agent.</summary>
public enum AgentTrigger
{
    Register,
    Heartbeat,
    TaskAssigned,
    TaskReleased,
    MissedHeartbeat,
    Suspend,
    Resume,
    Deregister,
}
