using static Hive.Tests.Cluster.AgentTestKit;

namespace Hive.Tests.Cluster;

/// <summary>
/// Agents restored from a snapshot: registered, not watched for heartbeats until the first one arrives (an import can
/// take longer than a heartbeat deadline), and an agent told it holds a task that is not its own refuses, unchanged.
/// </summary>
public abstract class AgentRestoreTests(HiveClusterFixture hive)
{
    private static readonly TimeSpan PastDeadline = HiveClusterFixture.HeartbeatDeadline + TimeSpan.FromSeconds(1);

    /// <summary>Long enough for the check timer to tick several times; used only to show something did not happen.</summary>
    private static readonly TimeSpan SeveralTicks = HiveClusterFixture.TickInterval * 8;

    private HiveClient Hive => hive.Hive;

    private bool AlertOpen(string id) => hive.Alerts.Open.Any(a => a.Key == "agent-unresponsive/" + id);

    private static AgentSpec NewSpec(string role)
    {
        var id = HiveClusterFixture.NewId("agent");
        return new AgentSpec(id, "Agent " + id, [role]);
    }

    private async Task StaysAsync(string id, AgentStatus status)
    {
        await Task.Delay(SeveralTicks);
        Assert.Equal(status, (await Hive.Agents.GetAsync(id)).Status);
        Assert.False(AlertOpen(id));
    }

    [Fact]
    public async Task A_restored_agent_is_not_watched_until_its_first_heartbeat_even_across_activations()
    {
        var role = HiveClusterFixture.NewId("role");
        var spec = NewSpec(role);

        var restored = await Hive.Agents.RestoreAsync(spec, "importer");
        hive.Advance(PastDeadline);
        await StaysAsync(spec.Id, AgentStatus.Registered);
        await hive.DeactivateAsync(hive.Grains.GetGrain<IAgentGrain>(GrainKeys.Agent(spec.Id)));
        hive.Advance(PastDeadline);
        await StaysAsync(spec.Id, AgentStatus.Registered);

        Assert.Equal((AgentStatus.Registered, (DateTimeOffset?)null), (restored.Status, restored.LastHeartbeat));
        Assert.Null((await CatalogRow(hive, spec.Id, role))!.Host);
        var audit = await AuditOf(Hive, spec.Id);
        Assert.Equal(("importer", "restored"), (audit[^1].Actor, audit[^1].Action));

        Assert.Equal(AgentStatus.Ready, (await Hive.Agents.HeartbeatAsync(spec.Id, 0.1)).Status);
        hive.Advance(PastDeadline);
        await HiveClusterFixture.Eventually(async () => (await Hive.Agents.GetAsync(spec.Id)).Status == AgentStatus.Unresponsive,
            $"agent {spec.Id} is watched once it heartbeats");
    }

    [Fact]
    public async Task A_restored_agent_holding_a_restored_task_is_watched_from_its_first_heartbeat()
    {
        var role = HiveClusterFixture.NewId("role");
        var spec = NewSpec(role);
        await Hive.Agents.RestoreAsync(spec, "importer");
        var task = TaskSteps.ForRole(role);
        await Hive.Tasks.RestoreAsync(new TaskRestore(task, HiveTaskStatus.InProgress, spec.Id, 1, 10), "importer");

        hive.Advance(PastDeadline);
        await StaysAsync(spec.Id, AgentStatus.Busy);
        Assert.Equal(task.Id, (await Hive.Agents.GetAsync(spec.Id)).CurrentTaskId);

        // Its status does not change with the first heartbeat, so the write that starts the watch is a heartbeat of its own.
        await hive.DeactivateAsync(hive.Grains.GetGrain<IAgentGrain>(GrainKeys.Agent(spec.Id)));
        Assert.Equal(AgentStatus.Busy, (await Hive.Agents.HeartbeatAsync(spec.Id, 0.5)).Status);
        Assert.Contains(await AuditOf(Hive, spec.Id), e => e.Action == "heartbeat" && e.From == "Busy" && e.To == "Busy");
        await hive.DeactivateAsync(hive.Grains.GetGrain<IAgentGrain>(GrainKeys.Agent(spec.Id)));
        hive.Advance(PastDeadline);
        await HiveClusterFixture.Eventually(async () => (await CatalogRow(hive, spec.Id, role))?.Status == nameof(AgentStatus.Unresponsive),
            $"agent {spec.Id} is watched after its first heartbeat, in a new activation too");
    }

    [Fact]
    public async Task Restore_refuses_an_agent_that_exists_and_changes_nothing()
    {
        var (id, role) = await ReadyAsync(Hive);
        var before = await Hive.Agents.GetAsync(id);

        await Rejects(HiveErrorCodes.Conflict, () => Hive.Agents.RestoreAsync(new AgentSpec(id, "Someone else", [role, "other"]), "importer"));

        var after = await Hive.Agents.GetAsync(id);
        Assert.Equal((before.Version, before.Spec.DisplayName), (after.Version, after.Spec.DisplayName));
    }

    [Fact]
    public async Task An_agent_told_it_holds_a_task_that_is_not_its_own_refuses_and_still_claims()
    {
        var role = HiveClusterFixture.NewId("role");
        var (id, _) = await ReadyAsync(Hive, role);
        var held = await Hive.CreateForRoleAsync(role);
        var holder = await Hive.ClaimedByNewAgentAsync(held.Id);
        var agent = hive.SiloGrains.GetGrain<IAgentAssignmentGrain>(GrainKeys.Agent(id));
        var before = await Hive.Agents.GetAsync(id);

        await Rejects(HiveErrorCodes.Conflict, () => agent.AdoptRestoredTask(TaskSteps.NewTaskId(), "intruder"));
        await Rejects(HiveErrorCodes.Conflict, () => agent.AdoptRestoredTask(held.Id, "intruder"));

        var after = await Hive.Agents.GetAsync(id);
        Assert.Equal((before.Version, before.Status, (string?)null), (after.Version, after.Status, after.CurrentTaskId));
        Assert.DoesNotContain(await AuditOf(Hive, id), e => e.Action == "task-restored");
        Assert.Equal(holder, (await Hive.Tasks.GetAsync(held.Id)).AssignedAgent);
        var next = await Hive.CreateForRoleAsync(role);
        Assert.Equal(next.Id, (await Hive.Agents.ClaimNextAsync(id))?.Id);
    }
}

[Trait("Category", "Cluster")]
[Collection(HiveClusterCollection.Name)]
public sealed class AgentRestoreTestsInMemory(HiveClusterFixture hive) : AgentRestoreTests(hive);
