using Hive.Health;
using Hive.Security;
using Hive.Tasks;

namespace Hive.Agents;

/// <summary>One agent of the fleet, keyed by <see cref="Common.GrainKeys.Agent"/>. Service authors use Hive.Client instead.</summary>
public interface IAgentGrain : IGrainWithStringKey
{
    /// <summary>Registers or updates the agent. The same spec again is a no-op; a changed spec is applied and audited. An offline agent comes back as registered.</summary>
    [Operation(OperationKind.Registration, Actor = "spec.Id", Scope = Scopes.AgentsAdmin, GrantsRoles = "spec.Roles")]
    Task<AgentInfo> Register(AgentSpec spec);

    /// <summary>
    /// Admin: recreates an agent from a snapshot of another hive, as registered. It is not watched for heartbeats until
    /// its first one arrives, so an agent that cannot heartbeat yet (the import is still running, its process has not
    /// moved over) does not turn unresponsive meanwhile. Only an agent that does not exist can be restored (<c>conflict</c>
    /// otherwise). One audit event, by <paramref name="actor"/>, records it.
    /// </summary>
    [Operation(OperationKind.OperatorCommand, Actor = "actor", Scope = Scopes.Import)]
    Task<AgentInfo> Restore(AgentSpec spec, string actor);

    /// <summary>Records a heartbeat with the agent's reported load (0–1). An unresponsive agent becomes ready (or busy) again.</summary>
    [Operation(OperationKind.Heartbeat, Actor = Acts.GrainKey, Scope = Scopes.AgentsAdmin)]
    Task<AgentInfo> Heartbeat(double load);

    /// <summary>Drains the agent: it takes no new task; it goes offline now, or when its current task ends.</summary>
    [Operation(OperationKind.Registration, Actor = "@key, actor", Scope = Scopes.AgentsAdmin)]
    Task<AgentInfo> Deregister(string actor);

    /// <summary>An operator takes the agent out of rotation; it keeps its current task but gets no new ones.</summary>
    [Operation(OperationKind.OperatorCommand, Actor = "@key, actor", Scope = Scopes.AgentsAdmin)]
    Task<AgentInfo> Suspend(string actor, string reason);

    /// <summary>An operator puts a suspended agent back into rotation.</summary>
    [Operation(OperationKind.OperatorCommand, Actor = "@key, actor", Scope = Scopes.AgentsAdmin)]
    Task<AgentInfo> Resume(string actor);

    /// <summary>The agent now; <c>not-found</c> when it never registered.</summary>
    [Operation(OperationKind.Read, Actor = Acts.Caller, Scope = Scopes.Read)]
    [AlwaysInterleave]
    Task<AgentInfo> Get();

    /// <summary>Claims the next ready task one of the agent's roles may take (highest priority, then oldest); null when none is ready. Each task is handed out exactly once.</summary>
    [Operation(OperationKind.TaskWrite, Actor = Acts.GrainKey, Scope = Scopes.TasksAdmin)]
    Task<TaskInfo?> ClaimNext();

    /// <summary>Claims one named task; <c>forbidden</c> when none of the agent's roles may take it.</summary>
    [Operation(OperationKind.TaskWrite, Actor = Acts.GrainKey, Scope = Scopes.TasksAdmin)]
    Task<TaskInfo> Claim(string taskId);
}
