using Hive.Deadlines;
using static Hive.Tests.Cluster.TaskSteps;

namespace Hive.Tests.Cluster;

public abstract class TaskDeadlineTests(HiveClusterFixture hive)
{
    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan PastBudget = TimeSpan.FromMinutes(2);

    private HiveClient Hive => hive.Hive;

    private static string AlertKey(string taskId) => "task-overdue/" + taskId;

    private bool IsOpen(string taskId) => hive.Alerts.Open.Any(a => a.Key == AlertKey(taskId));

    private string[] HistoryOf(string taskId) => hive.Alerts.History.Where(h => h.EndsWith(" " + AlertKey(taskId), StringComparison.Ordinal)).ToArray();

    private async Task<bool> OverdueRecordedAsync(string taskId) =>
        (await Hive.AuditOfAsync(taskId)).Any(e => e.Action == "overdue");

    private async Task<(string TaskId, string Agent)> StartedBudgetedTaskAsync()
    {
        var spec = ForRole(NewRole()) with { TimeBudget = Budget };
        await Hive.Tasks.CreateAsync(spec, Operator);
        var agent = await Hive.StartedByNewAgentAsync(spec.Id);
        var started = await Hive.Tasks.GetAsync(spec.Id);
        Assert.Equal(hive.Time.GetUtcNow() + Budget, started.Deadline);
        return (spec.Id, agent);
    }

    [Fact]
    public async Task Task_past_its_time_budget_raises_an_overdue_alert_until_it_completes()
    {
        var (taskId, agent) = await StartedBudgetedTaskAsync();
        Assert.False(IsOpen(taskId));

        hive.Advance(PastBudget);
        await Hive.Agents.HeartbeatAsync(agent); // slow, not silent: only the task is late

        await HiveClusterFixture.Eventually(async () => IsOpen(taskId) && await OverdueRecordedAsync(taskId),
            $"the alert {AlertKey(taskId)} is open and the overdue is audited");
        var overdue = Assert.Single(await Hive.AuditOfAsync(taskId), e => e.Action == "overdue");
        Assert.Equal(HiveStorage.SystemActor, overdue.Actor);
        Assert.Equal(nameof(HiveTaskStatus.InProgress), overdue.From);
        Assert.Equal(nameof(HiveTaskStatus.InProgress), overdue.To);
        var alert = Assert.Single(hive.Alerts.Open, a => a.Key == AlertKey(taskId));
        Assert.Equal(GrainKeys.Task(taskId), alert.Entity);
        Assert.Equal(HiveTaskStatus.InProgress, (await Hive.Tasks.GetAsync(taskId)).Status);

        await Hive.Tasks.CompleteAsync(taskId, agent, "late but done");

        Assert.False(IsOpen(taskId));
        Assert.Equal(["raised " + AlertKey(taskId), "cleared " + AlertKey(taskId)], HistoryOf(taskId));
    }

    [Fact]
    public async Task Task_completed_within_its_budget_raises_no_alert()
    {
        var (onTime, onTimeAgent) = await StartedBudgetedTaskAsync();
        var (control, _) = await StartedBudgetedTaskAsync();
        hive.Advance(Budget / 2);
        var done = await Hive.Tasks.CompleteAsync(onTime, onTimeAgent);
        Assert.Null(done.Deadline);

        hive.Advance(PastBudget);

        // The task still held shows that the deadline checks have seen the new time.
        await HiveClusterFixture.Eventually(() => Task.FromResult(IsOpen(control)), "the control task is reported overdue");
        await hive.SiloGrains.GetGrain<ITaskGrain>(GrainKeys.Task(onTime)).AsReference<IWakeableGrain>().Wake();
        await hive.SiloGrains.GetGrain<IDeadlineSweeperGrain>(0).Sweep();
        Assert.Empty(HistoryOf(onTime));
        Assert.False(await OverdueRecordedAsync(onTime));
        Assert.Equal(HiveTaskStatus.Completed, (await Hive.Tasks.GetAsync(onTime)).Status);
    }

    [Fact]
    public async Task Overdue_task_is_noticed_after_its_activation_is_lost()
    {
        var (taskId, agent) = await StartedBudgetedTaskAsync();

        await hive.DeactivateAsync(hive.Grains.GetGrain<ITaskGrain>(GrainKeys.Task(taskId)));

        hive.Advance(PastBudget);
        await Hive.Agents.HeartbeatAsync(agent);

        await HiveClusterFixture.Eventually(async () => IsOpen(taskId) && await OverdueRecordedAsync(taskId),
            $"the sweeper wakes the task and {AlertKey(taskId)} is raised");
        var task = await Hive.Tasks.GetAsync(taskId);
        Assert.Equal(HiveTaskStatus.InProgress, task.Status);
        Assert.Equal(agent, task.AssignedAgent);
    }
}

[Trait("Category", "Cluster")]
[Collection(HiveClusterCollection.Name)]
public sealed class TaskDeadlineTestsInMemory(HiveClusterFixture hive) : TaskDeadlineTests(hive);
