using static Hive.Tests.Cluster.TaskSteps;

namespace Hive.Tests.Cluster;

public abstract class TaskClaimTests(HiveClusterFixture hive)
{
    private HiveClient Hive => hive.Hive;

    [Fact]
    public async Task Claim_next_takes_higher_priority_first_then_older()
    {
        var role = NewRole();
        var prefix = NewTaskId();
        // Ids run against the expected order, so neither id order nor creation order alone passes.
        var lowOldest = await Hive.Tasks.CreateAsync(ForRole(role, prefix + "-m") with { Priority = 10 }, Operator);
        hive.Advance(TimeSpan.FromSeconds(1));
        var highOlder = await Hive.Tasks.CreateAsync(ForRole(role, prefix + "-z") with { Priority = 90 }, Operator);
        hive.Advance(TimeSpan.FromSeconds(1));
        var highNewer = await Hive.Tasks.CreateAsync(ForRole(role, prefix + "-a") with { Priority = 90 }, Operator);
        var agent = await Hive.ReadyAgentAsync(role);

        var order = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var claimed = await Hive.Agents.ClaimNextAsync(agent);
            Assert.NotNull(claimed);
            order.Add(claimed.Id);
            await Hive.Tasks.CompleteAsync(claimed.Id, agent);
        }

        Assert.Equal([highOlder.Id, highNewer.Id, lowOldest.Id], order);
        Assert.Null(await Hive.Agents.ClaimNextAsync(agent));
    }

    [Fact]
    public async Task Agent_without_the_role_cannot_claim_the_task()
    {
        var task = await Hive.CreateForRoleAsync(NewRole());
        var outsider = await Hive.ReadyAgentAsync(NewRole());

        Assert.Null(await Hive.Agents.ClaimNextAsync(outsider));
        var error = await RejectedAsync(HiveErrorCodes.Forbidden, () => Hive.Agents.ClaimAsync(outsider, task.Id));

        Assert.Equal(GrainKeys.Task(task.Id), error.Entity);
        var after = await Hive.Tasks.GetAsync(task.Id);
        Assert.Equal(HiveTaskStatus.Ready, after.Status);
        Assert.Equal(task.Version, after.Version);
        Assert.Equal(AgentStatus.Ready, (await Hive.Agents.GetAsync(outsider)).Status);
    }

    [Fact]
    public async Task Task_for_a_named_agent_is_claimable_only_by_that_agent()
    {
        var role = NewRole();
        var named = await Hive.ReadyAgentAsync(role);
        var sameRole = await Hive.ReadyAgentAsync(role);
        var task = await Hive.Tasks.CreateAsync(new TaskSpec(NewTaskId(), "For one agent", "chore", PrimaryAgent: named), Operator);

        Assert.Null(await Hive.Agents.ClaimNextAsync(sameRole));
        await RejectedAsync(HiveErrorCodes.Forbidden, () => Hive.Agents.ClaimAsync(sameRole, task.Id));
        Assert.Equal(task.Version, (await Hive.Tasks.GetAsync(task.Id)).Version);

        var claimed = await Hive.Agents.ClaimNextAsync(named);
        Assert.Equal(task.Id, claimed?.Id);
        Assert.Equal(named, claimed?.AssignedAgent);
    }

    [Fact]
    public async Task Concurrent_claims_hand_each_task_to_exactly_one_agent()
    {
        const int TaskCount = 20;
        const int AgentCount = 50;
        var role = NewRole();
        var type = NewType();
        var taskIds = new List<string>();
        for (var i = 0; i < TaskCount; i++) taskIds.Add((await Hive.CreateForRoleAsync(role, type: type)).Id);
        var agents = await Task.WhenAll(Enumerable.Range(0, AgentCount).Select(_ => Hive.ReadyAgentAsync(role)));

        var results = await Task.WhenAll(agents.Select(a => Hive.Agents.ClaimNextAsync(a)));

        var winners = agents.Zip(results).Where(p => p.Second is not null).Select(p => (Agent: p.First, Task: p.Second!)).ToArray();
        Assert.Equal(TaskCount, winners.Length);
        Assert.Equal(taskIds.Order(StringComparer.Ordinal), winners.Select(w => w.Task.Id).Order(StringComparer.Ordinal));
        foreach (var (agent, claimed) in winners)
        {
            Assert.Equal(agent, claimed.AssignedAgent);
            var task = await Hive.Tasks.GetAsync(claimed.Id);
            Assert.Equal(HiveTaskStatus.Assigned, task.Status);
            Assert.Equal(agent, task.AssignedAgent);
            Assert.Equal(1, task.Attempts);
            Assert.Single(await Hive.AuditOfAsync(claimed.Id), e => e.Action == "assigned");
            var holder = await Hive.Agents.GetAsync(agent);
            Assert.Equal(AgentStatus.Busy, holder.Status);
            Assert.Equal(claimed.Id, holder.CurrentTaskId);
        }
        var listed = await Hive.Tasks.ListAsync(new TaskQuery(Type: type));
        Assert.Equal(TaskCount, listed.Items.Count);
        Assert.Equal(TaskCount, listed.Items.Select(t => t.AssignedAgent).Distinct().Count());

        var losers = agents.Except(winners.Select(w => w.Agent)).ToArray();
        Assert.Equal(AgentCount - TaskCount, losers.Length);
        var again = await Task.WhenAll(losers.Select(a => Hive.Agents.ClaimNextAsync(a)));
        Assert.All(again, Assert.Null);
        foreach (var loser in losers) Assert.Equal(AgentStatus.Ready, (await Hive.Agents.GetAsync(loser)).Status);
    }

    [Fact]
    public async Task Concurrent_claims_of_one_task_by_id_have_one_winner()
    {
        var role = NewRole();
        var task = await Hive.CreateForRoleAsync(role);
        var agents = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Hive.ReadyAgentAsync(role)));

        var outcomes = await Task.WhenAll(agents.Select(async a =>
        {
            try
            {
                return (Agent: a, Code: (await Hive.Agents.ClaimAsync(a, task.Id)).AssignedAgent == a ? "won" : "wrong");
            }
            catch (HiveException e)
            {
                return (Agent: a, e.Code);
            }
        }));

        var winner = Assert.Single(outcomes, o => o.Code == "won").Agent;
        Assert.All(outcomes.Where(o => o.Agent != winner), o => Assert.Equal(HiveErrorCodes.InvalidTransition, o.Code));
        Assert.Equal(winner, (await Hive.Tasks.GetAsync(task.Id)).AssignedAgent);
        foreach (var agent in agents.Where(a => a != winner))
            Assert.Equal(AgentStatus.Ready, (await Hive.Agents.GetAsync(agent)).Status);
    }

    [Fact]
    public async Task Ready_queue_is_rebuilt_after_losing_its_activation()
    {
        var role = NewRole();
        var task = await Hive.CreateForRoleAsync(role);
        var queue = hive.SiloGrains.GetGrain<IReadyQueueGrain>(GrainKeys.RoleQueue(role));
        Assert.Equal(task.Id, (await queue.Peek())?.TaskId);

        await hive.DeactivateAsync(queue);
        var agent = await Hive.ReadyAgentAsync(role);

        Assert.Equal(task.Id, (await Hive.Agents.ClaimNextAsync(agent))?.Id);
    }

    [Fact]
    public async Task A_ready_task_whose_enqueue_was_lost_is_handed_out_after_the_queue_resyncs()
    {
        var role = NewRole();
        var agent = await Hive.ReadyAgentAsync(role);
        Assert.Null(await Hive.Agents.ClaimNextAsync(agent)); // the role's queue is active and empty
        TaskInfo task;
        using (hive.Faults.Drop(nameof(IReadyQueueGrain.Enqueue)))
            task = await Hive.CreateForRoleAsync(role);
        Assert.Equal(HiveTaskStatus.Ready, task.Status);
        Assert.Null(await hive.SiloGrains.GetGrain<IReadyQueueGrain>(GrainKeys.RoleQueue(role)).Peek());

        TaskInfo? claimed = null;
        await HiveClusterFixture.Eventually(async () => (claimed = await Hive.Agents.ClaimNextAsync(agent)) is not null,
            $"the queue of role {role} finds task {task.Id} in the catalog", within: HiveClusterFixture.QueueResyncInterval * 20);

        Assert.Equal(task.Id, claimed!.Id);
    }

    [Fact]
    public async Task Agent_holding_a_task_gets_that_task_again_and_no_other()
    {
        var role = NewRole();
        var first = await Hive.CreateForRoleAsync(role);
        var agent = await Hive.ClaimedByNewAgentAsync(first.Id);
        var second = await Hive.CreateForRoleAsync(role);

        var again = await Hive.Agents.ClaimNextAsync(agent);
        var byId = await Hive.Agents.ClaimAsync(agent, first.Id);

        Assert.Equal((first.Id, first.Id), (again?.Id, byId.Id));
        Assert.Equal(HiveTaskStatus.Ready, (await Hive.Tasks.GetAsync(second.Id)).Status);
        Assert.Equal(first.Id, (await Hive.Agents.GetAsync(agent)).CurrentTaskId);
        await RejectedAsync(HiveErrorCodes.InvalidTransition, () => Hive.Agents.ClaimAsync(agent, second.Id));
    }

    [Fact]
    public async Task A_retried_claim_returns_the_task_its_first_try_assigned_but_the_agent_never_recorded()
    {
        var role = NewRole();
        var task = await Hive.CreateForRoleAsync(role);
        var other = await Hive.CreateForRoleAsync(role);
        var agent = await Hive.ReadyAgentAsync(role);
        // The first try: the queue hands the task out and the task saves the assignment; then the agent's own write is
        // lost with its activation.
        Assert.NotNull(await hive.SiloGrains.GetGrain<IReadyQueueGrain>(GrainKeys.RoleQueue(role)).ClaimFor(agent));
        await hive.DeactivateAsync(hive.Grains.GetGrain<IAgentGrain>(GrainKeys.Agent(agent)));

        var retried = await Hive.Agents.ClaimNextAsync(agent);

        var taken = retried?.Id;
        Assert.Contains(taken, new[] { task.Id, other.Id });
        Assert.Equal(taken, (await Hive.Agents.GetAsync(agent)).CurrentTaskId);
        Assert.Equal(AgentStatus.Busy, (await Hive.Agents.GetAsync(agent)).Status);
        var untouched = taken == task.Id ? other.Id : task.Id;
        Assert.Equal(HiveTaskStatus.Ready, (await Hive.Tasks.GetAsync(untouched)).Status);
    }

    [Fact]
    public async Task Assignments_an_agent_does_not_hold_beyond_the_one_it_takes_up_are_released_and_audited()
    {
        var role = NewRole();
        await Hive.CreateForRoleAsync(role);
        await Hive.CreateForRoleAsync(role);
        var agent = await Hive.ReadyAgentAsync(role);
        var queue = hive.SiloGrains.GetGrain<IReadyQueueGrain>(GrainKeys.RoleQueue(role));
        var stranded = new[] { await queue.ClaimFor(agent), await queue.ClaimFor(agent) };
        await hive.DeactivateAsync(hive.Grains.GetGrain<IAgentGrain>(GrainKeys.Agent(agent)));

        var taken = (await Hive.Agents.ClaimNextAsync(agent))!.Id;

        var released = Assert.Single(stranded, id => id != taken)!;
        var info = await Hive.Tasks.GetAsync(released);
        Assert.Equal((HiveTaskStatus.Ready, null, 0), (info.Status, info.AssignedAgent, info.Attempts));
        var audit = Assert.Single(await Hive.AuditOfAsync(released), e => e.Action == "released");
        Assert.Equal((HiveStorage.SystemActor, "Assigned", "Ready"), (audit.Actor, audit.From, audit.To));
        Assert.Contains(agent, audit.Details);
        // Back in the queue: another agent of the role gets it.
        Assert.Equal(released, (await Hive.Agents.ClaimNextAsync(await Hive.ReadyAgentAsync(role)))?.Id);
    }

    [Fact]
    public async Task Only_the_assigned_agent_may_start_report_progress_or_complete()
    {
        var role = NewRole();
        var task = await Hive.CreateForRoleAsync(role);
        var holder = await Hive.ClaimedByNewAgentAsync(task.Id);
        var other = await Hive.ReadyAgentAsync(role);
        var version = (await Hive.Tasks.GetAsync(task.Id)).Version;

        await RejectedAsync(HiveErrorCodes.Forbidden, () => Hive.Tasks.StartAsync(task.Id, other));
        await RejectedAsync(HiveErrorCodes.Forbidden, () => Hive.Tasks.ReportProgressAsync(task.Id, other, 10));
        await RejectedAsync(HiveErrorCodes.Forbidden, () => Hive.Tasks.CompleteAsync(task.Id, other));

        var after = await Hive.Tasks.GetAsync(task.Id);
        Assert.Equal(version, after.Version);
        Assert.Equal(HiveTaskStatus.Assigned, after.Status);
        Assert.Equal(holder, after.AssignedAgent);
        Assert.Equal(HiveTaskStatus.InProgress, (await Hive.Tasks.StartAsync(task.Id, holder)).Status);
    }

    [Fact]
    public async Task Completing_a_ready_task_is_an_invalid_transition()
    {
        var role = NewRole();
        var task = await Hive.CreateForRoleAsync(role);
        var agent = await Hive.ReadyAgentAsync(role);

        await RejectedAsync(HiveErrorCodes.InvalidTransition, () => Hive.Tasks.CompleteAsync(task.Id, agent));

        var after = await Hive.Tasks.GetAsync(task.Id);
        Assert.Equal(HiveTaskStatus.Ready, after.Status);
        Assert.Equal(task.Version, after.Version);
    }

    [Fact]
    public async Task Progress_outside_0_to_100_is_rejected()
    {
        var task = await Hive.CreateForRoleAsync(NewRole());
        var agent = await Hive.StartedByNewAgentAsync(task.Id);
        var before = await Hive.Tasks.ReportProgressAsync(task.Id, agent, 40, "under way");

        await RejectedAsync(HiveErrorCodes.Validation, () => Hive.Tasks.ReportProgressAsync(task.Id, agent, 101));
        await RejectedAsync(HiveErrorCodes.Validation, () => Hive.Tasks.ReportProgressAsync(task.Id, agent, -1));

        var after = await Hive.Tasks.GetAsync(task.Id);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(40, after.ProgressPercent);
        Assert.Equal("under way", after.ProgressNote);
        Assert.Equal(100, (await Hive.Tasks.ReportProgressAsync(task.Id, agent, 100)).ProgressPercent);
    }
}

[Trait("Category", "Cluster")]
[Collection(HiveClusterCollection.Name)]
public sealed class TaskClaimTestsInMemory(HiveClusterFixture hive) : TaskClaimTests(hive);
