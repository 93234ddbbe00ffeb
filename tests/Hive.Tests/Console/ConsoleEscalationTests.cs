using Hive.Console.Cli;

namespace Hive.Tests.Console;

[Trait("Category", "Cluster")]
[Collection(HiveClusterCollection.Name)]
public sealed class ConsoleEscalationTests(HiveClusterFixture hive)
{
    private readonly EscalationTestKit _kit = new(hive);

    [Fact]
    public async Task An_escalation_is_listed_shown_and_carried_to_closed()
    {
        var id = (await _kit.RaiseAsync(Severity.Critical)).Id;

        var list = (await ConsoleRun.RunAsync(hive, "escalations", "list", "--status", "open", "--severity", "critical", "--all", "--json")).Succeeded().Json();
        var show = (await ConsoleRun.RunAsync(hive, "escalations", "show", id)).Succeeded();
        var ack = (await ConsoleRun.RunAsync(hive, "escalations", "ack", id, "--note", "on it")).Succeeded();
        (await ConsoleRun.RunAsync(hive, "escalations", "mitigate", id, "--note", "failing over")).Succeeded();
        (await ConsoleRun.RunAsync(hive, "escalations", "resolve", id, "--resolution", "replica promoted")).Succeeded();
        var closed = (await ConsoleRun.RunAsync(hive, "escalations", "close", id, "--post-mortem", "stale figures", "--json")).Succeeded().Json();
        var table = (await ConsoleRun.RunAsync(hive, "escalations", "list", "--status", "closed", "--all")).Succeeded();

        Assert.Contains(list.GetProperty("items").EnumerateArray(), e => e.GetProperty("id").GetString() == id);
        Assert.Contains("p99 latency of checkout", show.Out, StringComparison.Ordinal);
        Assert.Contains($"escalation {id}: acknowledged", ack.Out, StringComparison.Ordinal);
        Assert.Equal("closed", closed.GetProperty("status").GetString());
        Assert.Equal("replica promoted", closed.GetProperty("resolution").GetString());
        Assert.Equal("stale figures", closed.GetProperty("postMortem").GetString());
        Assert.Contains(id, table.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Closing_an_open_escalation_exits_3_and_an_unknown_one_exits_2()
    {
        var id = (await _kit.RaiseAsync(Severity.Low)).Id;

        (await ConsoleRun.RunAsync(hive, "escalations", "close", id, "--post-mortem", "too early")).Failed(ExitCodes.Rejected, "invalid-transition");
        (await ConsoleRun.RunAsync(hive, "escalations", "show", HiveClusterFixture.NewId("esc"))).Failed(ExitCodes.NotFound, "not-found");
        var noNote = await ConsoleRun.RunAsync(hive, "escalations", "mitigate", id);
        Assert.Equal(ExitCodes.Usage, noNote.ExitCode);
        Assert.Contains("--note", noNote.Err, StringComparison.Ordinal);
    }
}
