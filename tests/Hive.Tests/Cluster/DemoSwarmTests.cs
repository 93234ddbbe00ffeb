using Hive.Swarm;

namespace Hive.Tests.Cluster;

/// <summary>The demo swarm really runs, and its summary counts what happened rather than quoting the seed.</summary>
public abstract class DemoSwarmTests(HiveClusterFixture hive)
{
    [Theory]
    [InlineData(3)]
    [InlineData(8)]
    public async Task Summary_counts_follow_the_work_the_swarm_did(int taskCount)
    {
        var plan = SwarmPlan.Week1("-" + HiveClusterFixture.NewId("s")[2..], taskCount);
        var lines = new List<string>();
        var swarm = new DemoSwarm(hive.Hive, plan, line => { lock (lines) lines.Add(line); });

        await swarm.SeedAsync();
        var summary = await swarm.RunUntilDoneAsync(TimeSpan.FromMilliseconds(20), TimeSpan.FromMinutes(2));

        var tasks = plan.Tasks.Select(t => t.Spec).ToArray();
        Assert.Equal(taskCount, summary.TasksPlanned);
        Assert.Equal(taskCount, summary.TasksCompleted);
        Assert.Equal(1.0, summary.SuccessRate);
        Assert.Equal(tasks.Sum(t => t.RequiredApprovals!.Count), summary.Validations);
        // Each task writes its keys twice (started, done); each validator writes one key; seeding wrote one per channel.
        Assert.Equal(SwarmPlan.Channels.Length + tasks.Sum(t => (2 * t.Writes!.Count) + t.RequiredApprovals!.Count), summary.MemoryUpdates);
        Assert.Equal(tasks.Sum(t => t.SupportingAgents!.Count + t.RequiredApprovals!.Count), summary.MessagesDelivered);
        Assert.Equal(taskCount >= 6 ? 1 : 0, summary.EscalationsClosed);
        Assert.Contains(lines, l => l.Contains("validated", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_task_is_assigned_only_after_all_its_prerequisites_completed()
    {
        var plan = SwarmPlan.Week1("-" + HiveClusterFixture.NewId("s")[2..], 4);
        var swarm = new DemoSwarm(hive.Hive, plan, _ => { });
        await swarm.SeedAsync();
        await swarm.RunUntilDoneAsync(TimeSpan.FromMilliseconds(20), TimeSpan.FromMinutes(2));

        var trail = await OldestFirstAsync(plan.Tasks.Select(t => "task/" + t.Spec.Id).ToHashSet());
        int Position(string taskId, Func<Audit.AuditEvent, bool> match) =>
            trail.FindIndex(e => e.Entity == "task/" + taskId && match(e));
        foreach (var task in plan.Tasks.Select(t => t.Spec))
        {
            var assigned = Position(task.Id, e => e.Action == "assigned");
            Assert.True(assigned >= 0, $"{task.Id} was never assigned");
            foreach (var prerequisite in task.Prerequisites!)
            {
                var completed = Position(prerequisite, e => e.To == nameof(HiveTaskStatus.Completed));
                Assert.InRange(completed, 0, assigned - 1);
            }
        }
        Assert.Equal(3, (await hive.Hive.Tasks.GetAsync(plan.Tasks[3].Spec.Id)).Approvals.Count);
    }

    private async Task<List<Audit.AuditEvent>> OldestFirstAsync(HashSet<string> entities)
    {
        var events = new List<Audit.AuditEvent>();
        string? token = null;
        do
        {
            var page = await hive.Hive.Audit.QueryAsync(new Audit.AuditQuery(PageSize: Limits.MaxPageSize, PageToken: token));
            events.AddRange(page.Items.Where(e => entities.Contains(e.Entity)));
            token = page.NextPageToken;
        }
        while (token is not null);
        events.Reverse();
        return events;
    }
}

[Trait("Category", "Cluster")]
[Collection(HiveClusterCollection.Name)]
public sealed class DemoSwarmTestsInMemory(HiveClusterFixture hive) : DemoSwarmTests(hive);
