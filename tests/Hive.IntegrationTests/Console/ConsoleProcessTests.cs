using System.Diagnostics;
using Hive.Console.Cli;
using Hive.Console.Connection;
using Hive.Console.Top;
using Hive.Tests.Security;

namespace Hive.Tests.Console;

/// <summary>The console as a real process and against real silo processes: exit 4 when nothing listens; auth issue and whoami; top outlives a silo restart.</summary>
[Trait("Category", "Process")]
public sealed class ConsoleProcessTests
{
    [Fact]
    public async Task A_console_pointed_at_a_closed_port_exits_4_with_one_clear_line()
    {
        var closed = FreePorts.Next();

        var (exitCode, stdout, stderr) = await RunConsoleAsync("status", "--gateway", $"127.0.0.1:{closed}");

        Assert.Equal(ExitCodes.Unreachable, exitCode);
        Assert.Empty(stdout);
        var error = stderr.Trim();
        Assert.StartsWith($"hive: unreachable: Cannot reach the hive at 127.0.0.1:{closed}", error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error);
        Assert.DoesNotContain("\u001b[", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Auth_issue_prints_only_the_token_and_whoami_reads_it_back_while_the_hive_is_away()
    {
        var keyFile = Path.Combine(ProcessKeys.KeysPath, SecureHiveFixture.KeyId + SigningKeyLoader.SecretSuffix);

        var issued = await RunConsoleAsync("auth", "issue", "--operator", "ops-proc", "--scopes", "read,halt", "--ttl", "1h", "--key-file", keyFile);
        var whoami = await RunConsoleAsync("auth", "whoami", "--token", issued.Stdout.Trim(), "--gateway", $"127.0.0.1:{FreePorts.Next()}");

        Assert.Equal((ExitCodes.Ok, ""), (issued.ExitCode, issued.Stderr));
        var principal = await HiveTokens.VerifyAsync(issued.Stdout.Trim(), [SecureHiveFixture.Key]);
        Assert.Equal("operator:ops-proc", principal.Id);
        Assert.True(whoami.ExitCode == ExitCodes.Ok, $"exit {whoami.ExitCode}: {whoami.Stderr}");
        Assert.Contains("operator:ops-proc", whoami.Stdout, StringComparison.Ordinal);
        Assert.Contains("not reached", whoami.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Top_shows_the_hive_unreachable_while_the_silo_is_down_and_recovers_when_it_is_back()
    {
        SiloProcess? silo = SiloProcess.Start([]);
        var (siloPort, gatewayPort) = (silo.SiloPort, silo.GatewayPort);
        SiloProcess? restarted = null;
        try
        {
            await silo.WaitForOutputAsync("Hive is running", TimeSpan.FromMinutes(1));
            var settings = new ConnectionSettings([$"127.0.0.1:{gatewayPort}"], "hive", "hive", "tester");
            await using var source = new TopSource(new OrleansConnector(settings), TimeProvider.System);

            // The first frames may come before the client's first connection is up on a loaded machine.
            var up = await NextReachableAsync(source);
            Assert.True(up.Reachable, $"top never reached the running hive: {up.Problem}");
            await silo.DisposeAsync();
            silo = null;
            var down = await source.NextAsync(CancellationToken.None);
            Assert.False(down.Reachable);
            Assert.Contains(TopView.UnreachableText, Render(down), StringComparison.Ordinal);

            restarted = SiloProcess.Start([], siloPort: siloPort, gatewayPort: gatewayPort);
            await restarted.WaitForOutputAsync("Hive is running", TimeSpan.FromMinutes(1));
            var frame = await NextReachableAsync(source);
            Assert.True(frame.Reachable, $"top did not recover: {frame.Problem}");
        }
        finally
        {
            if (silo is not null) await silo.DisposeAsync();
            if (restarted is not null) await restarted.DisposeAsync();
        }
    }

    /// <summary>The first reachable frame within a minute, or the last unreachable one.</summary>
    private static async Task<TopFrame> NextReachableAsync(TopSource source)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        TopFrame frame;
        do frame = await source.NextAsync(CancellationToken.None);
        while (!frame.Reachable && DateTime.UtcNow < deadline);
        return frame;
    }

    /// <summary>Runs the console as a process of its own, without colour, and waits for it to exit.</summary>
    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunConsoleAsync(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(ConsoleExecutable());
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>
    /// The console as its own build laid it out: the copy beside the tests resolves its dependencies through the test
    /// host's shared frameworks, which a process of its own does not have.
    /// </summary>
    private static string ConsoleExecutable()
    {
        var tests = new DirectoryInfo(AppContext.BaseDirectory);
        var (framework, configuration) = (tests.Name, tests.Parent!.Name);
        return Path.Combine(RepositoryRoot.Path, "client", "Hive.Console", "bin", configuration, framework, "hive.dll");
    }

    private static string Render(TopFrame frame)
    {
        var console = ConsoleRun.Wide();
        console.Write(TopView.Render(frame, "test", 5));
        return console.Output;
    }
}
