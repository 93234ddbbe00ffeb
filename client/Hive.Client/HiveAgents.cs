using Hive.Catalog;

namespace Hive.Client;

/// <summary>Agents: what a running agent calls for itself, and what an operator calls on it.</summary>
public sealed class HiveAgents(IClusterClient cluster, HiveCalls calls)
{
    /// <summary>Registers (or updates) an agent. The same spec twice is a no-op.</summary>
    public Task<AgentInfo> RegisterAsync(AgentSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return calls.Run(() => Agent(spec.Id).Register(spec), ("spec", spec));
    }

    /// <summary>
    /// Admin: recreates an agent from a snapshot, registered, and not watched for heartbeats until it sends its first;
    /// only when the agent does not exist.
    /// </summary>
    public Task<AgentInfo> RestoreAsync(AgentSpec spec, string actor)
    {
        ArgumentNullException.ThrowIfNull(spec);
        // Not through calls (an admin import wants no retries: a repeat of a restore that landed is a conflict), so the wire check is made here.
        WireText.Require("spec", spec);
        return Agent(spec.Id).Restore(spec, actor);
    }

    /// <summary>Tells the hive the agent is alive, with its load from 0 (idle) to 1 (saturated).</summary>
    public Task<AgentInfo> HeartbeatAsync(string agentId, double load = 0) => calls.Run(() => Agent(agentId).Heartbeat(load));

    /// <summary>Takes the agent out: no new tasks; offline once its current task ends.</summary>
    public Task<AgentInfo> DeregisterAsync(string agentId, string actor) => calls.Run(() => Agent(agentId).Deregister(actor));

    public Task<AgentInfo> SuspendAsync(string agentId, string actor, string reason) => calls.Run(() => Agent(agentId).Suspend(actor, reason), ("reason", reason));

    public Task<AgentInfo> ResumeAsync(string agentId, string actor) => calls.Run(() => Agent(agentId).Resume(actor));

    public Task<AgentInfo> GetAsync(string agentId) => calls.Run(() => Agent(agentId).Get());

    /// <summary>The next ready task for one of the agent's roles (or named for it), or null when there is none.</summary>
    public Task<TaskInfo?> ClaimNextAsync(string agentId) => calls.Run(() => Agent(agentId).ClaimNext());

    /// <summary>Claims one named task for the agent.</summary>
    public Task<TaskInfo> ClaimAsync(string agentId, string taskId) => calls.Run(() => Agent(agentId).Claim(taskId));

    public Task<Page<AgentSummary>> ListAsync(AgentQuery? query = null) =>
        calls.Run(() => cluster.GetGrain<IHiveQueryGrain>(0).ListAgents(query ?? new AgentQuery()));

    private IAgentGrain Agent(string agentId) =>
        cluster.GetGrain<IAgentGrain>(GrainKeys.Agent(HiveIds.Require(agentId, "Agent id")));
}
