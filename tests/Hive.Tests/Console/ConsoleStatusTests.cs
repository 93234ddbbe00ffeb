namespace Hive.Tests.Console;

[Trait("Category", "Cluster")]
[Collection(HiveClusterCollection.Name)]
public sealed class ConsoleStatusTests(HiveClusterFixture hive)
{
    [Fact]
    public async Task Status_counts_entities_by_status_and_shows_the_service_level_and_halt_switch()
    {
        var before = (await ConsoleRun.RunAsync(hive, "status", "--json")).Succeeded().Json();
        await AgentTestKit.RegisterAsync(hive.Hive);
        await hive.Hive.CreateForRoleAsync(TaskSteps.NewRole());

        var after = (await ConsoleRun.RunAsync(hive, "status", "--json")).Succeeded().Json();
        var table = (await ConsoleRun.RunAsync(hive, "status")).Succeeded();

        int Count(System.Text.Json.JsonElement status, string kind, string state) => status.GetProperty(kind).GetProperty("byStatus").GetProperty(state).GetInt32();
        Assert.Equal(Count(before, "agents", "registered") + 1, Count(after, "agents", "registered"));
        Assert.Equal(Count(before, "tasks", "ready") + 1, Count(after, "tasks", "ready"));
        // This collection's hive is never pinned or halted (the health tests have a hive of their own), so it runs at full.
        Assert.Equal("full", after.GetProperty("serviceLevel").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, after.GetProperty("pinnedBy").ValueKind);
        Assert.False(after.GetProperty("halted").GetBoolean());
        Assert.Equal("127.0.0.1:30000", after.GetProperty("gateways")[0].GetString());
        Assert.Contains("Service level: full.", table.Out, StringComparison.Ordinal);
        Assert.Contains("Halted: no.", table.Out, StringComparison.Ordinal);
        Assert.Contains("awaiting-approval", table.Out, StringComparison.Ordinal);
    }
}
