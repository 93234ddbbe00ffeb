using Hive.Tests.Durable;
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
}

[Collection(HiveClusterCollection.Name)]
public sealed class TaskRestoreTestsInMemory(HiveClusterFixture hive) : TaskRestoreTests(hive);

[Collection(PostgresHiveClusterCollection.Name)]
public sealed class TaskRestoreTestsOnPostgres(PostgresHiveClusterFixture hive) : TaskRestoreTests(hive);
