using Hive.Console.Cli;

namespace Hive.Tests.Console;

[Trait("Category", "Cluster")]
[Collection(HiveClusterCollection.Name)]
public sealed class ConsoleMessageTests(HiveClusterFixture hive)
{
    [Fact]
    public async Task Send_to_an_agent_and_to_a_role_then_look_into_the_inbox()
    {
        var (sender, _) = await AgentTestKit.RegisterAsync(hive.Hive);
        var (receiver, role) = await AgentTestKit.RegisterAsync(hive.Hive);

        var direct = (await ConsoleRun.RunAsync(hive, "messages", "send", "--from", sender, "--to", receiver, "--kind", "request",
            "--subject", "Review the plan", "--body", "see memory", "--correlation", "plan-1")).Succeeded();
        var byRole = (await ConsoleRun.RunAsync(hive, "messages", "send", "--from", sender, "--role", role, "--subject", "Deploy in 5", "--json")).Succeeded().Json();
        var inbox = (await ConsoleRun.RunAsync(hive, "messages", "inbox", receiver)).Succeeded();
        var json = (await ConsoleRun.RunAsync(hive, "messages", "inbox", receiver, "--limit", "1", "--json")).Succeeded().Json();

        Assert.Contains($"delivered to {receiver} as message 1", direct.Out, StringComparison.Ordinal);
        Assert.Equal(receiver, Assert.Single(byRole.GetProperty("delivered").EnumerateArray()).GetProperty("agentId").GetString());
        Assert.Contains("2 pending of", inbox.Out, StringComparison.Ordinal);
        Assert.Contains("Review the plan", inbox.Out, StringComparison.Ordinal);
        Assert.Contains("Deploy in 5", inbox.Out, StringComparison.Ordinal);
        Assert.Equal(2, json.GetProperty("delivered").GetInt64());
        Assert.Equal("plan-1", Assert.Single(json.GetProperty("messages").EnumerateArray()).GetProperty("correlationId").GetString());
        Assert.Equal(2, (await hive.Hive.Messages.InboxSizeAsync(receiver)).Pending);
    }

    [Fact]
    public async Task Unknown_agents_exit_2_and_a_draft_naming_both_or_no_recipient_exits_1()
    {
        var (sender, _) = await AgentTestKit.RegisterAsync(hive.Hive);
        var ghost = HiveClusterFixture.NewId("ghost");

        (await ConsoleRun.RunAsync(hive, "messages", "send", "--from", sender, "--to", ghost, "--subject", "hi")).Failed(ExitCodes.NotFound, "not-found");
        (await ConsoleRun.RunAsync(hive, "messages", "inbox", ghost)).Failed(ExitCodes.NotFound, "not-found");
        (await ConsoleRun.RunAsync(hive, "messages", "send", "--from", sender, "--subject", "hi")).Failed(ExitCodes.Usage, "usage");
        (await ConsoleRun.RunAsync(hive, "messages", "send", "--from", sender, "--to", sender, "--subject", new string('x', 300)))
            .Failed(ExitCodes.Rejected, "validation");
    }
}
