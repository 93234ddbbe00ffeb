namespace Hive.Agents;

/// <summary>Where an agent is in its life. Transitions are validated by the agent lifecycle.</summary>
public enum AgentStatus
{
    Registered = 0,
    Ready = 1,
    Busy = 2,
    Unresponsive = 3,
    Suspended = 4,
    Offline = 5,
}
