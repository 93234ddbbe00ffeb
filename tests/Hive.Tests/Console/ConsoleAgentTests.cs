using Hive.Console.Cli;

namespace Hive.Tests.Console;

[Trait("Category", "Cluster")]
[Collection(HiveClusterCollection.Name)]
public sealed class ConsoleAgentTests(HiveClusterFixture hive)
{
    [Fact]
    public async Task Agents_list_shows_a_table_and_json_filtered_by_role_and_status()
    {
        var (id, role) = await AgentTestKit.ReadyAsync(hive.Hive);

        var table = (await ConsoleRun.RunAsync(hive, "agents", "list", "--role", role)).Succeeded();
        var json = (await ConsoleRun.RunAsync(hive, "agents", "list", "--role", role, "--status", "ready", "--json")).Succeeded().Json();
        var none = (await ConsoleRun.RunAsync(hive, "agents", "list", "--role", role, "--status", "suspended", "--json")).Succeeded().Json();

        Assert.Contains(id, table.Out, StringComparison.Ordinal);
        Assert.Contains("│ ready", table.Out, StringComparison.Ordinal);
        var item = Assert.Single(json.GetProperty("items").EnumerateArray());
        Assert.Equal(id, item.GetProperty("id").GetString());
        Assert.Equal("ready", item.GetProperty("status").GetString());
        Assert.Empty(none.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Agents_list_pages_with_limit_and_page_token_and_all()
    {
        var role = HiveClusterFixture.NewId("role");
        for (var i = 0; i < 3; i++) await AgentTestKit.RegisterAsync(hive.Hive, role);

        var first = (await ConsoleRun.RunAsync(hive, "agents", "list", "--role", role, "--limit", "2", "--json")).Succeeded().Json();
        var token = first.GetProperty("nextPageToken").GetString()!;
        var second = (await ConsoleRun.RunAsync(hive, "agents", "list", "--role", role, "--limit", "2", "--page-token", token, "--json")).Succeeded().Json();
        var all = (await ConsoleRun.RunAsync(hive, "agents", "list", "--role", role, "--all", "--json")).Succeeded().Json();
        var table = (await ConsoleRun.RunAsync(hive, "agents", "list", "--role", role, "--limit", "2")).Succeeded();

        Assert.Equal(2, first.GetProperty("items").GetArrayLength());
        Assert.Equal(1, second.GetProperty("items").GetArrayLength());
        Assert.Equal(3, all.GetProperty("items").GetArrayLength());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, all.GetProperty("nextPageToken").ValueKind);
        Assert.Contains("More: --page-token " + token, table.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Agents_show_suspend_resume_and_drain_change_the_agent_as_the_actor()
    {
        var (id, _) = await AgentTestKit.ReadyAsync(hive.Hive);

        var show = (await ConsoleRun.RunAsync(hive, "agents", "show", id)).Succeeded();
        var suspended = (await ConsoleRun.RunAsync(hive, "agents", "suspend", id, "--reason", "bad rollout", "--as", "ops-alice", "--json")).Succeeded().Json();
        var resumed = (await ConsoleRun.RunAsync(hive, "agents", "resume", id)).Succeeded();
        var drained = (await ConsoleRun.RunAsync(hive, "agents", "drain", id)).Succeeded();

        Assert.Contains("last heartbeat", show.Out, StringComparison.Ordinal);
        Assert.Equal("suspended", suspended.GetProperty("status").GetString());
        Assert.Equal("bad rollout", suspended.GetProperty("statusReason").GetString());
        Assert.Contains($"agent {id}: ready", resumed.Out, StringComparison.Ordinal);
        Assert.Contains($"agent {id}: offline", drained.Out, StringComparison.Ordinal);
        var audit = await AgentTestKit.AuditOf(hive.Hive, id);
        Assert.Contains(audit, e => e.Action == "suspended" && e.Actor == "ops-alice");
        Assert.Contains(audit, e => e.Action == "resumed" && e.Actor == ConsoleRun.Operator);
    }

    [Fact]
    public async Task Unknown_agent_exits_2_and_a_forbidden_transition_exits_3()
    {
        var (id, _) = await AgentTestKit.ReadyAsync(hive.Hive);

        var missing = await ConsoleRun.RunAsync(hive, "agents", "show", HiveClusterFixture.NewId("ghost"));
        var rejected = await ConsoleRun.RunAsync(hive, "agents", "resume", id);
        var invalid = await ConsoleRun.RunAsync(hive, "agents", "show", "not an id");

        missing.Failed(ExitCodes.NotFound, "not-found");
        rejected.Failed(ExitCodes.Rejected, "invalid-transition");
        invalid.Failed(ExitCodes.Rejected, "validation");
        Assert.Empty(missing.Out);
    }
}
