using static Hive.Tests.Cluster.TaskSteps;

namespace Hive.Tests.Cluster;

/// <summary>
/// Single-process mode with failing writes: a restored held task is written before its agent hears of it, and the agent
/// is told from the task's outbox, so a failure on either side never leaves one holding what the other does not.
/// </summary>
[Trait("Category", "Cluster")]
[Collection(FaultyStorageClusterCollection.Name)]
public sealed class TaskRestoreHandOverTests(FaultyStorageClusterFixture hive) : IDisposable
{
    private static readonly TimeSpan OutboxRetry = TimeSpan.FromSeconds(30);

    private HiveClient Hive => hive.Hive;

    public void Dispose()
    {
        hive.Storage.Fail = null;
        hive.Storage.FailState = null;
    }

    /// <summary>Fails the agent's write that would record it holding <paramref name="taskId"/>, and no other.</summary>
    private void FailAdoption(string agentId, string taskId) => hive.Storage.FailState = (id, state) =>
        id.Key.ToString() == GrainKeys.Agent(agentId) && state is AgentState { CurrentTaskId: var held } && held == taskId;

    private static TaskRestore HeldBy(string agentId, TaskSpec spec) => new(spec, HiveTaskStatus.InProgress, agentId, 1, 50, "half way");

    private async Task<IReadOnlyList<Audit.AuditEvent>> AgentAuditAsync(string agentId) =>
        (await Hive.Audit.QueryAsync(new Audit.AuditQuery(Entity: "agent/" + agentId))).Items;

    [Fact]
    public async Task A_task_whose_write_fails_is_never_handed_to_its_agent()
    {
        var role = NewRole();
        var agent = await Hive.ReadyAgentAsync(role);
        var before = await Hive.Agents.GetAsync(agent);
        var spec = ForRole(role);
        hive.Storage.Fail = id => id.Key.ToString() == GrainKeys.Task(spec.Id);

        await Assert.ThrowsAnyAsync<Exception>(() => Hive.Tasks.RestoreAsync(HeldBy(agent, spec), "importer"));
        hive.Storage.Fail = null;

        var after = await Hive.Agents.GetAsync(agent);
        Assert.Equal((before.Version, AgentStatus.Ready, (string?)null), (after.Version, after.Status, after.CurrentTaskId));
        Assert.DoesNotContain(await AgentAuditAsync(agent), e => e.Action == "task-restored");
        await RejectedAsync(HiveErrorCodes.NotFound, () => Hive.Tasks.GetAsync(spec.Id));
    }

    [Fact]
    public async Task A_hand_over_the_agent_could_not_store_arrives_later_from_the_outbox()
    {
        var role = NewRole();
        var agent = await Hive.ReadyAgentAsync(role);
        var spec = ForRole(role);
        FailAdoption(agent, spec.Id);

        var restored = await Hive.Tasks.RestoreAsync(HeldBy(agent, spec), "importer");
        Assert.Null((await Hive.Agents.GetAsync(agent)).CurrentTaskId);
        hive.Storage.FailState = null;

        Assert.Equal((HiveTaskStatus.InProgress, agent), (restored.Status, restored.AssignedAgent));
        await HiveClusterFixture.Eventually(async () => (await Hive.Agents.GetAsync(agent)).CurrentTaskId == spec.Id,
            $"agent {agent} holds {spec.Id}", OutboxRetry);
        Assert.Equal(AgentStatus.Busy, (await Hive.Agents.GetAsync(agent)).Status);
        Assert.Equal(HiveTaskStatus.Completed, (await Hive.Tasks.CompleteAsync(spec.Id, agent, "done")).Status);
    }

    [Fact]
    public async Task A_held_task_whose_agent_took_other_work_before_the_hand_over_arrived_goes_back_to_ready()
    {
        var role = NewRole();
        var agent = await Hive.ReadyAgentAsync(role);
        var spec = ForRole(role);
        FailAdoption(agent, spec.Id);

        await Hive.Tasks.RestoreAsync(HeldBy(agent, spec), "importer");
        var other = await Hive.CreateForRoleAsync(role);
        await Hive.Agents.ClaimAsync(agent, other.Id);
        hive.Storage.FailState = null;

        await HiveClusterFixture.Eventually(async () => (await Hive.Tasks.GetAsync(spec.Id)).Status == HiveTaskStatus.Ready,
            $"task {spec.Id} is ready again", OutboxRetry);
        var task = await Hive.Tasks.GetAsync(spec.Id);
        Assert.Equal(((string?)null, 0), (task.AssignedAgent, task.Attempts));
        Assert.Contains($"agent '{agent}' did not take it up", task.StatusReason, StringComparison.Ordinal);
        Assert.Contains(await Hive.AuditOfAsync(spec.Id), e => (e.Actor, e.Action, e.From, e.To) == (HiveStorage.SystemActor, "released", "InProgress", "Ready"));
        Assert.Equal(other.Id, (await Hive.Agents.GetAsync(agent)).CurrentTaskId);
        var taker = await Hive.ReadyAgentAsync(role);
        Assert.Equal(spec.Id, (await Hive.Agents.ClaimNextAsync(taker))?.Id);
    }
}
