using Hive.Console.Commands;
using Hive.Tests.Cluster;

namespace Hive.Tests.Console;

[Collection(HiveClusterCollection.Name)]
public sealed class ConsoleStatusTests(HiveClusterFixture hive)
{
    [Fact]
    public async Task Status_counts_entities_by_status_and_says_service_levels_are_not_available()
    {
        var before = (await ConsoleRun.RunAsync(hive, "status", "--json")).Succeeded().Json();
        await AgentTestKit.RegisterAsync(hive.Hive);
        await hive.Hive.CreateForRoleAsync(TaskSteps.NewRole());

        var after = (await ConsoleRun.RunAsync(hive, "status", "--json")).Succeeded().Json();
        var table = (await ConsoleRun.RunAsync(hive, "status")).Succeeded();

        int Count(System.Text.Json.JsonElement status, string kind, string state) => status.GetProperty(kind).GetProperty("byStatus").GetProperty(state).GetInt32();
        Assert.Equal(Count(before, "agents", "registered") + 1, Count(after, "agents", "registered"));
        Assert.Equal(Count(before, "tasks", "ready") + 1, Count(after, "tasks", "ready"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, after.GetProperty("serviceLevel").ValueKind);
        Assert.Equal(StatusCommand.ServiceLevelNote, after.GetProperty("serviceLevelNote").GetString());
        Assert.Equal("127.0.0.1:30000", after.GetProperty("gateways")[0].GetString());
        Assert.Contains("Service level: not available in this version", table.Out, StringComparison.Ordinal);
        Assert.Contains("awaiting-approval", table.Out, StringComparison.Ordinal);
    }
}
