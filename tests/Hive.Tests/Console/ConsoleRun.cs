using Hive.Console.Cli;
using Hive.Console.Connection;
using Spectre.Console.Testing;

namespace Hive.Tests.Console;

/// <summary>What one in-process run of <c>hive</c> printed and returned.</summary>
internal sealed record ConsoleResult(int ExitCode, string Out, string Err)
{
    public ConsoleResult Succeeded()
    {
        Assert.True(ExitCode == ExitCodes.Ok, $"exit {ExitCode}; stderr: {Err}; stdout: {Out}");
        return this;
    }

    public ConsoleResult Failed(int exitCode, string code)
    {
        Assert.True(ExitCode == exitCode, $"expected exit {exitCode}, got {ExitCode}; stderr: {Err}; stdout: {Out}");
        Assert.Contains($"hive: {code}:", Err, StringComparison.Ordinal);
        return this;
    }

    public System.Text.Json.JsonElement Json() => System.Text.Json.JsonDocument.Parse(Out).RootElement;

    /// <summary>The value cell of the row named <paramref name="name"/> in a two-column field table; fails when there is no such row.</summary>
    public string Field(string name)
    {
        var cells = Out.Split('\n').Select(line => line.Split('│')).FirstOrDefault(c => c.Length >= 3 && c[1].Trim() == name);
        Assert.True(cells is not null, $"no '{name}' row in: {Out}");
        return cells[2].Trim();
    }
}

/// <summary>
/// Runs the console's real command tree in-process against a running hive, with test consoles capturing stdout and
/// stderr. The environment is sealed off: no environment variables, no config file, no development credentials, a fixed user name.
/// </summary>
internal static class ConsoleRun
{
    public const string Operator = "console-tester";

    /// <summary>A folder that does not exist: no config file, no development credentials.</summary>
    private static readonly string NoHome = Path.Combine(Path.GetTempPath(), "hive-console-tests-no-home");

    public static CliEnvironment Environment(HiveClient hive, TimeProvider? clock = null, TestConsole? output = null) => new()
    {
        Out = output ?? Wide(),
        Error = Wide(),
        Connector = _ => new FixedHiveConnector(hive),
        Variable = _ => null,
        HomeDirectory = NoHome,
        WorkingDirectory = NoHome,
        UserName = Operator,
        Time = clock ?? TimeProvider.System,
        TopInterval = TimeSpan.FromMilliseconds(50),
    };

    /// <summary>Wide enough that no table or message wraps under an assertion.</summary>
    public static TestConsole Wide() => new TestConsole().Width(400);

    public static Task<ConsoleResult> RunAsync(HiveClusterFixture hive, params string[] args) =>
        RunAsync(Environment(hive.Hive, hive.Time), args);

    public static async Task<ConsoleResult> RunAsync(CliEnvironment env, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(env);
        var exitCode = await HiveCli.RunAsync(args, env);
        return new ConsoleResult(exitCode, ((TestConsole)env.Out).Output, ((TestConsole)env.Error).Output);
    }
}
