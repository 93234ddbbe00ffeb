namespace Hive.Tests.Cluster;

public abstract class SmokeTests(HiveClusterFixture hive)
{
    private HiveClient Hive => hive.Hive;

    [Fact]
    public async Task Agent_claims_and_completes_a_task_end_to_end()
    {
        var role = HiveClusterFixture.NewId("role");
        var agent = HiveClusterFixture.NewId("agent");
        var task = HiveClusterFixture.NewId("task");
        await Hive.Agents.RegisterAsync(new AgentSpec(agent, "Agent", [role]));
        await Hive.Agents.HeartbeatAsync(agent, 0.1);
        await Hive.Tasks.CreateAsync(new TaskSpec(task, "Do it", "chore", PrimaryRole: role), "tester");

        var claimed = await Hive.Agents.ClaimNextAsync(agent);
        Assert.Equal(task, claimed?.Id);
        Assert.Equal(AgentStatus.Busy, (await Hive.Agents.GetAsync(agent)).Status);

        await Hive.Tasks.ReportProgressAsync(task, agent, 50, "half");
        var done = await Hive.Tasks.CompleteAsync(task, agent, "ok");
        Assert.Equal(HiveTaskStatus.Completed, done.Status);
        Assert.Equal(AgentStatus.Ready, (await Hive.Agents.GetAsync(agent)).Status);
    }
}

[Trait("Category", "Cluster")]
[Collection(HiveClusterCollection.Name)]
public sealed class SmokeTestsInMemory(HiveClusterFixture hive) : SmokeTests(hive);
