namespace Hive.Tests.Cluster;

/// <summary>The admin restore entry point: only new tasks, prerequisites must agree, held tasks go to a free agent that may take them.</summary>
public abstract class TaskRestoreTests(HiveClusterFixture hive)
{
    [Fact]
    public async Task A_held_task_is_restored_with_its_agent_holding_it_and_finishes_normally()
    {
        var role = TaskSteps.NewRole();
        var agent = await hive.Hive.ReadyAgentAsync(role);
        var (id, dependent) = (TaskSteps.NewTaskId(), TaskSteps.NewTaskId());
        var created = hive.Time.GetUtcNow() - TimeSpan.FromHours(1);

        var restored = await hive.Hive.Tasks.RestoreAsync(new TaskRestore(TaskSteps.ForRole(role, id), HiveTaskStatus.InProgress, agent, 2, 60, "most of it",
            CreatedAt: created, Deadline: hive.Time.GetUtcNow() + TimeSpan.FromMinutes(5)), "importer");
        await hive.Hive.Tasks.CreateAsync(TaskSteps.ForRole(role, dependent) with { Prerequisites = [id] }, TaskSteps.Operator);

        Assert.Equal((HiveTaskStatus.InProgress, 2, 60, created), (restored.Status, restored.Attempts, restored.ProgressPercent, restored.CreatedAt));
        Assert.Equal(id, (await hive.Hive.Agents.GetAsync(agent)).CurrentTaskId);
        Assert.Equal(HiveTaskStatus.Completed, (await hive.Hive.Tasks.CompleteAsync(id, agent, "done")).Status);
        Assert.Equal(AgentStatus.Ready, (await hive.Hive.Agents.GetAsync(agent)).Status);
        Assert.Equal(HiveTaskStatus.Ready, (await hive.Hive.Tasks.GetAsync(dependent)).Status);
        var audit = await hive.Hive.AuditOfAsync(id);
        Assert.Equal(("importer", "restored"), (audit[0].Actor, audit[0].Action));
    }

    [Fact]
    public async Task Restore_refuses_existing_tasks_busy_agents_and_states_the_prerequisites_contradict()
    {
        var role = TaskSteps.NewRole();
        var existing = (await hive.Hive.CreateForRoleAsync(role)).Id;
        var busy = await hive.Hive.ClaimedByNewAgentAsync(existing);
        var fresh = TaskSteps.NewTaskId();

        await TaskSteps.RejectedAsync(HiveErrorCodes.Conflict, () => hive.Hive.Tasks.RestoreAsync(new TaskRestore(TaskSteps.ForRole(role, existing), HiveTaskStatus.Ready), "importer"));
        await TaskSteps.RejectedAsync(HiveErrorCodes.InvalidTransition, () => hive.Hive.Tasks.RestoreAsync(
            new TaskRestore(TaskSteps.ForRole(role, fresh), HiveTaskStatus.Assigned, busy, 1), "importer"));
        await TaskSteps.RejectedAsync(HiveErrorCodes.Forbidden, () => hive.Hive.Tasks.RestoreAsync(
            new TaskRestore(TaskSteps.ForRole(TaskSteps.NewRole(), fresh), HiveTaskStatus.Assigned, busy, 1), "importer"));
        await TaskSteps.RejectedAsync(HiveErrorCodes.Validation, () => hive.Hive.Tasks.RestoreAsync(
            new TaskRestore(TaskSteps.ForRole(role, fresh) with { Prerequisites = [existing] }, HiveTaskStatus.Ready), "importer"));

        await TaskSteps.RejectedAsync(HiveErrorCodes.NotFound, () => hive.Hive.Tasks.GetAsync(fresh));
        Assert.Equal(existing, (await hive.Hive.Agents.GetAsync(busy)).CurrentTaskId);
    }

    [Fact]
    public async Task Restored_approvals_are_held_to_the_rules_of_live_ones_and_a_refused_restore_writes_nothing()
    {
        var (role, checker, security) = (TaskSteps.NewRole(), TaskSteps.NewRole(), TaskSteps.NewRole());
        var worker = await hive.Hive.ReadyAgentAsync(role, checker);
        var approver = await hive.Hive.ReadyAgentAsync(checker);
        var outsider = await hive.Hive.ReadyAgentAsync(role);
        var securityOnly = await hive.Hive.ReadyAgentAsync(security);
        var id = TaskSteps.NewTaskId();
        var spec = TaskSteps.ForRole(role, id) with { RequiredApprovals = [checker, security] };
        TaskRestore Awaiting(string by, string asRole) => new(spec, HiveTaskStatus.AwaitingApproval, worker, 1, 100,
            Approvals: [new Approval(asRole, by, "signed", hive.Time.GetUtcNow())]);

        var self = await TaskSteps.RejectedAsync(HiveErrorCodes.Forbidden, () => hive.Hive.Tasks.RestoreAsync(Awaiting(worker, checker), "importer"));
        var noRole = await TaskSteps.RejectedAsync(HiveErrorCodes.Forbidden, () => hive.Hive.Tasks.RestoreAsync(Awaiting(outsider, checker), "importer"));
        var otherRole = await TaskSteps.RejectedAsync(HiveErrorCodes.Forbidden, () => hive.Hive.Tasks.RestoreAsync(Awaiting(securityOnly, checker), "importer"));
        await TaskSteps.RejectedAsync(HiveErrorCodes.Validation, () => hive.Hive.Tasks.RestoreAsync(Awaiting(HiveClusterFixture.NewId("agent"), checker), "importer"));

        Assert.Contains("did the work", self.Message, StringComparison.Ordinal);
        Assert.Contains("has no role that signs off", noRole.Message, StringComparison.Ordinal);
        Assert.Contains("a role it does not have", otherRole.Message, StringComparison.Ordinal);
        await TaskSteps.RejectedAsync(HiveErrorCodes.NotFound, () => hive.Hive.Tasks.GetAsync(id));
        Assert.Null((await hive.Hive.Agents.GetAsync(worker)).CurrentTaskId);

        var restored = await hive.Hive.Tasks.RestoreAsync(Awaiting(approver, checker), "importer");
        Assert.Equal([(checker, approver)], restored.Approvals.Select(a => (a.Role, a.AgentId)));
        Assert.Equal(HiveTaskStatus.Completed, (await hive.Hive.Tasks.ApproveAsync(id, securityOnly, "ok")).Status);
    }

    [Fact]
    public async Task Restores_racing_for_one_agent_leave_it_holding_one_task_and_no_task_held_by_an_agent_that_does_not_hold_it()
    {
        var role = TaskSteps.NewRole();
        var agents = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => hive.Hive.ReadyAgentAsync(role)));

        var restores = agents.SelectMany(agent => new[] { (Agent: agent, Id: TaskSteps.NewTaskId()), (Agent: agent, Id: TaskSteps.NewTaskId()) }).ToArray();

        await Task.WhenAll(restores.Select(async r =>
        {
            try
            {
                await hive.Hive.Tasks.RestoreAsync(new TaskRestore(TaskSteps.ForRole(role, r.Id), HiveTaskStatus.InProgress, r.Agent, 1, 20), "importer");
            }
            catch (HiveException e) when (e.Code == HiveErrorCodes.InvalidTransition)
            {
                // The other restore took the agent before this one checked it: refused, nothing written.
            }
        }));

        foreach (var pair in restores.GroupBy(r => r.Agent))
        {
            var held = (await hive.Hive.Agents.GetAsync(pair.Key)).CurrentTaskId;
            Assert.Contains(held, pair.Select(r => r.Id));
            Assert.Equal((HiveTaskStatus.InProgress, pair.Key), await StandingAsync(held!));
            // The other was refused before its write, or written and taken back to ready when the agent would not take it up.
            var other = await StandingAsync(pair.Single(r => r.Id != held).Id);
            Assert.True(other is null || other == (HiveTaskStatus.Ready, null), $"the other task of {pair.Key} is {other}");
        }
    }

    private async Task<(HiveTaskStatus, string?)?> StandingAsync(string taskId)
    {
        try
        {
            var task = await hive.Hive.Tasks.GetAsync(taskId);
            return (task.Status, task.AssignedAgent);
        }
        catch (HiveException e) when (e.Code == HiveErrorCodes.NotFound)
        {
            return null;
        }
    }
}

[Trait("Category", "Cluster")]
[Collection(HiveClusterCollection.Name)]
public sealed class TaskRestoreTestsInMemory(HiveClusterFixture hive) : TaskRestoreTests(hive);
