using System.Diagnostics;
using System.Text;

namespace Hive.Tests.Processes;

/// <summary>Runs the real silo executable (the one the tests were built against) as a child process on free ports.</summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private SiloProcess(Process process) => _process = process;

    public int SiloPort { get; private init; }
    public int GatewayPort { get; private init; }
    public int HttpPort { get; private init; }

    /// <summary>The silo's HTTP server (probes, /metrics, /health), on loopback.</summary>
    public Uri Http => new($"http://127.0.0.1:{HttpPort}");

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>Starts the silo on free ports, or on the given ones (to restart a silo where its clients expect it).</summary>
    public static SiloProcess Start(IEnumerable<string> args, IDictionary<string, string>? environment = null, int? siloPort = null, int? gatewayPort = null) =>
        Start(typeof(Hive.Silo.Hosting.HiveSilo).Assembly, args, environment, siloPort, gatewayPort);

    /// <summary>Starts the development host: the same silo with the demo swarm running inside it.</summary>
    public static SiloProcess StartDemo(IEnumerable<string> args) => Start(typeof(Hive.Demo.DemoCompanion).Assembly, args, null, null, null);

    private static SiloProcess Start(System.Reflection.Assembly host, IEnumerable<string> args, IDictionary<string, string>? environment, int? siloPort, int? gatewayPort)
    {
        siloPort ??= FreePorts.Next();
        gatewayPort ??= FreePorts.Next();
        var httpPort = FreePorts.Next();
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // A shell that ran `eval "$(scripts/services.sh start)"` exports durable-mode settings; a test says its own.
        foreach (var inherited in info.Environment.Keys.Where(IsHiveSetting).ToList()) info.Environment.Remove(inherited);
        info.ArgumentList.Add(host.Location);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["Hive__Silo__SiloPort"] = siloPort.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["Hive__Silo__GatewayPort"] = gatewayPort.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // Silos of parallel tests must not all take the default 8080.
        info.Environment["Hive__Http__Urls"] = $"http://127.0.0.1:{httpPort}";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) info.Environment[key] = value;

        var process = new Process { StartInfo = info };
        var silo = new SiloProcess(process) { SiloPort = siloPort.Value, GatewayPort = gatewayPort.Value, HttpPort = httpPort };
        process.OutputDataReceived += (_, e) => silo.Append(e.Data);
        process.ErrorDataReceived += (_, e) => silo.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return silo;
    }

    /// <summary>Sends SIGTERM, as Kubernetes and Ctrl+C stop a silo: the host shuts down gracefully.</summary>
    public void Terminate()
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        kill.WaitForExit();
        Assert.True(kill.ExitCode == 0, $"kill -TERM {_process.Id} failed");
    }

    /// <summary>Kills the process the way a crash or an OOM kill would: no shutdown, nothing parked.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>Asks the silo to stop the way an orchestrator does (SIGTERM) and waits for it to exit.</summary>
    public async Task<int> TerminateAsync(TimeSpan within)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync();
        return await WaitForExitAsync(within);
    }

    public bool HasExited => _process.HasExited;

    /// <summary>The silo's process id (the process runs the silo itself, not a shell).</summary>
    public int Id => _process.Id;

    private static bool IsHiveSetting(string name) =>
        name.StartsWith("Hive__", StringComparison.OrdinalIgnoreCase) || name is "HIVE_POSTGRES" or "HIVE_REDIS";

    /// <summary>Waits until the process printed <paramref name="text"/>; fails with its output otherwise.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
                Assert.Fail($"The silo never printed '{text}'. Output:\n{Output}");
            await Task.Delay(50);
        }
    }

    /// <summary>Waits for the process to exit by itself; kills it and fails when it takes longer than <paramref name="within"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            Assert.Fail($"The silo did not exit within {within}. Output:\n{Output}");
        }
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }
}
