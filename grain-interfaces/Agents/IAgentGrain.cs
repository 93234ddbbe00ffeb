using Hive.Health;
using Hive.Tasks;

namespace Hive.Agents;

/// <summary>One agent of the fleet, keyed by <see cref="Common.GrainKeys.Agent"/>. Service authors use Hive.Client instead.</summary>
public interface IAgentGrain : IGrainWithStringKey
{
    /// <summary>Registers or updates the agent. The same spec again is a no-op; a changed spec is applied and audited. An offline agent comes back as registered.</summary>
    [Operation(OperationKind.Registration)]
    Task<AgentInfo> Register(AgentSpec spec);

    /// <summary>Records a heartbeat with the agent's reported load (0–1). An unresponsive agent becomes ready (or busy) again.</summary>
    [Operation(OperationKind.Heartbeat)]
    Task<AgentInfo> Heartbeat(double load);

    /// <summary>Drains the agent: it takes no new task; it goes offline now, or when its current task ends.</summary>
    [Operation(OperationKind.Registration)]
    Task<AgentInfo> Deregister(string actor);

    /// <summary>An operator takes the agent out of rotation; it keeps its current task but gets no new ones.</summary>
    [Operation(OperationKind.OperatorCommand)]
    Task<AgentInfo> Suspend(string actor, string reason);

    /// <summary>An operator puts a suspended agent back into rotation.</summary>
    [Operation(OperationKind.OperatorCommand)]
    Task<AgentInfo> Resume(string actor);

    /// <summary>The agent now; <c>not-found</c> when it never registered.</summary>
    [Operation(OperationKind.Read)]
    [AlwaysInterleave]
    Task<AgentInfo> Get();

    /// <summary>Claims the next ready task one of the agent's roles may take (highest priority, then oldest); null when none is ready. Each task is handed out exactly once.</summary>
    [Operation(OperationKind.TaskWrite)]
    Task<TaskInfo?> ClaimNext();

    /// <summary>Claims one named task; <c>forbidden</c> when none of the agent's roles may take it.</summary>
    [Operation(OperationKind.TaskWrite)]
    Task<TaskInfo> Claim(string taskId);

    /// <summary>Called by a task being restored from a snapshot that this agent held there: the agent holds it here too.</summary>
    Task AdoptRestoredTask(string taskId, string actor);

    /// <summary>Called by a task when it no longer holds this agent (completed, failed, cancelled, released).</summary>
    Task TaskReleased(string taskId);

    /// <summary>Lets the deadline sweeper bring the agent back to check its heartbeat deadline after its activation was lost.</summary>
    Task Wake();
}
