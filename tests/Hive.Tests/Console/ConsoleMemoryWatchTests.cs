using Spectre.Console;

namespace Hive.Tests.Console;

/// <summary><c>hive memory watch</c> streams each change as it happens and ends cleanly when cancelled (Ctrl+C).</summary>
[Trait("Category", "Cluster")]
[Collection(HiveClusterCollection.Name)]
public sealed class ConsoleMemoryWatchTests(HiveClusterFixture hive)
{
    [Theory]
    [InlineData(false, "put k1 v1 by writer-1")]
    [InlineData(true, "\"kind\":\"change\"")]
    public async Task Watch_prints_each_change_until_cancelled(bool json, string expected)
    {
        var ns = HiveClusterFixture.NewId("ns");
        var output = new LockedWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        var env = ConsoleRun.Environment(hive.Hive, hive.Time);
        var watching = new Hive.Console.Cli.CliEnvironment
        {
            Out = console, Error = env.Error, Connector = env.Connector, Variable = env.Variable, HomeDirectory = env.HomeDirectory, UserName = env.UserName,
        };
        using var stop = new CancellationTokenSource();
        string[] args = json ? ["memory", "watch", ns, "coordination", "--json"] : ["memory", "watch", ns, "coordination"];
        var run = Hive.Console.Cli.HiveCli.RunAsync(args, watching, stop.Token);

        await hive.Hive.Memory.PutAsync(ns, "coordination", "k1", """{"n":1}""", "writer-1");
        await hive.Hive.Memory.PutAsync(ns, "coordination", "k2", """{"n":2}""", "writer-2");
        await hive.Hive.Memory.DeleteAsync(ns, "coordination", "k1", "writer-1");
        await HiveClusterFixture.Eventually(() => Task.FromResult(output.ToString().Split('\n').Count(l => l.Length > 0) >= 3), "three changes were printed");
        await stop.CancelAsync();

        Assert.Equal(0, await run);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Contains(expected, lines[0], StringComparison.Ordinal);
        Assert.Contains(json ? "\"kind\":\"delete\"" : "delete k1 v2 by writer-1", lines[2], StringComparison.Ordinal);
    }

    /// <summary>The watch writes from its own task while the test reads, so every access takes one lock.</summary>
    private sealed class LockedWriter : StringWriter
    {
        public override void Write(char value)
        {
            lock (this) base.Write(value);
        }

        public override void Write(string? value)
        {
            lock (this) base.Write(value);
        }

        public override void WriteLine(string? value)
        {
            lock (this) base.WriteLine(value);
        }

        public override string ToString()
        {
            lock (this) return base.ToString();
        }
    }
}
