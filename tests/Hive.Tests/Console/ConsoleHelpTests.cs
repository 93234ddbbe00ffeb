using System.CommandLine;
using Hive.Console.Cli;

namespace Hive.Tests.Console;

/// <summary>Every command explains itself with examples; a wrong command line exits 1 before touching the hive.</summary>
[Trait("Category", "Unit")]
public sealed class ConsoleHelpTests
{
    private static readonly Hive.Client.HiveClient NoHive = new(null!);

    [Fact]
    public void Every_command_has_a_description_and_examples()
    {
        var root = HiveCli.Build(ConsoleRun.Environment(NoHive));
        var missing = All(root).Where(c => string.IsNullOrWhiteSpace(c.Description) || ExamplesHelp.Of(c).Count == 0).Select(c => c.Name).ToList();
        Assert.Empty(missing);
        Assert.True(All(root).Count() >= 40, "the tree should hold every command of the console");
        Assert.Equal(["pin", "show", "unpin"], root.Subcommands.Single(c => c.Name == "level").Subcommands.Select(c => c.Name).Order());
        Assert.Contains(root.Subcommands, c => c.Name == "halt");
        Assert.Contains(root.Subcommands, c => c.Name == "resume");
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("tasks", "create", "--help")]
    [InlineData("memory", "watch", "--help")]
    [InlineData("top", "--help")]
    [InlineData("level", "pin", "--help")]
    [InlineData("halt", "--help")]
    public async Task Help_prints_usage_and_examples_and_exits_0(params string[] args)
    {
        var result = (await ConsoleRun.RunAsync(ConsoleRun.Environment(NoHive), args)).Succeeded();
        Assert.Contains("Usage:", result.Out, StringComparison.Ordinal);
        Assert.Contains("Examples:", result.Out, StringComparison.Ordinal);
        Assert.Contains("  hive ", result.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("agents", "frobnicate")]
    [InlineData("agents", "list", "--limit", "many")]
    [InlineData("agents", "list", "--status", "sleepy")]
    [InlineData("agents", "suspend", "a1")]
    [InlineData("tasks", "create", "t1", "--budget", "soon")]
    [InlineData("level", "pin", "sleepy")]
    [InlineData("level", "pin")]
    [InlineData("halt")]
    [InlineData("halt", "--reason")]
    public async Task A_wrong_command_line_exits_1_and_says_why_on_stderr(params string[] args)
    {
        var result = await ConsoleRun.RunAsync(ConsoleRun.Environment(NoHive), args);
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.False(string.IsNullOrWhiteSpace(result.Err));
    }

    [Fact]
    public async Task A_usage_error_found_while_running_exits_1_without_connecting()
    {
        var result = await ConsoleRun.RunAsync(ConsoleRun.Environment(NoHive), "memory", "put", "ns", "ch", "k");
        result.Failed(ExitCodes.Usage, "usage");
        Assert.Contains("exactly one", result.Err, StringComparison.Ordinal);
    }

    private static IEnumerable<Command> All(Command command) => command.Subcommands.SelectMany(All).Prepend(command);
}
