namespace Hive.Tests.Failover;

/// <summary>
/// Silo processes of one durable cluster, each on ports fixed for the group's life (so a silo started again is
/// where its clients expect it), all started with the same settings: the part of a failover fixture that is
/// about processes, whatever the fixture does to PostgreSQL and Redis around them.
/// </summary>
internal sealed class SiloGroup(int size, Func<Dictionary<string, string>> environment) : IAsyncDisposable
{
    public static readonly TimeSpan StartWithin = TimeSpan.FromMinutes(2);
    private readonly SiloProcess?[] _silos = new SiloProcess?[size];
    private readonly (int Silo, int Gateway)[] _ports = [.. Enumerable.Range(0, size).Select(_ => (FreePorts.Next(), FreePorts.Next()))];
    private int _starts;

    public int Size => size;

    /// <summary>How many silo processes this group has started; unchanged across a test means no silo was restarted.</summary>
    public int Starts => Volatile.Read(ref _starts);

    /// <summary>Whether every silo process is running.</summary>
    public bool AllRunning => _silos.All(s => s is { HasExited: false });

    public SiloProcess this[int index] => _silos[index] ?? throw new InvalidOperationException($"Silo {index} was never started.");

    /// <summary>
    /// Durable settings (<see cref="DurableSilo.Environment"/>) for a failover drill: the silos do not shed load, and
    /// agents left alone stay ready for the length of a suite.
    /// </summary>
    public static Dictionary<string, string> DrillEnvironment(string postgres, string clusterId)
    {
        var environment = DurableSilo.Environment(postgres, clusterId);
        // These tests are about failover, so the silos do not shed load: on a busy 2-core machine their own signals
        // (storage latency, failed calls while a peer dies) or agents left silent by an earlier test would drop the
        // hive to a level that refuses the very writes measured here. Load shedding has tests of its own.
        environment["Hive__Health__ReportSiloSignals"] = "false";
        foreach (var level in new[] { "Reduced", "Essential", "Emergency" })
            environment[$"Hive__Health__UnresponsiveAgentShare__{level}"] = "2";
        // Agents a test registered and left alone stay ready for the length of the suite, so a restart that takes long
        // on a loaded machine is not mistaken for state that changed.
        environment["Hive__Timing__HeartbeatInterval"] = "00:02:00";
        return environment;
    }

    /// <summary>Starts every silo: the first alone (it migrates the empty database; the others would only wait for its advisory lock), then the rest together.</summary>
    public async Task StartAllAsync()
    {
        await StartAsync(0);
        await Task.WhenAll(Enumerable.Range(1, size - 1).Select(StartAsync));
    }

    /// <summary>Starts again every silo that is not running, where it ran before.</summary>
    public async Task EnsureAllRunningAsync()
    {
        var stopped = Enumerable.Range(0, size).Where(i => _silos[i] is not { HasExited: false }).ToList();
        foreach (var i in stopped)
        {
            if (_silos[i] is { } old) await old.DisposeAsync();
            _silos[i] = null;
        }
        await Task.WhenAll(stopped.Select(StartAsync));
    }

    /// <summary>Silo <paramref name="index"/> dies the way a crash or an OOM kill ends it.</summary>
    public Task KillAsync(int index) => this[index].KillAsync();

    /// <summary>Silo <paramref name="index"/> is stopped as an orchestrator stops it (SIGTERM) and shuts down gracefully.</summary>
    public async Task TerminateAsync(int index)
    {
        var exit = await this[index].TerminateAsync(StartWithin);
        Assert.True(exit == 0, $"Silo {index} exited with {exit} on SIGTERM:\n{this[index].Output}");
    }

    /// <summary>What every silo printed, for a failure message.</summary>
    public string Output => string.Join("\n", _silos.Select((s, i) => $"--- silo {i}{(s is { HasExited: true } ? " (exited)" : "")} ---\n{s?.Output}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos.OfType<SiloProcess>()) await silo.DisposeAsync();
    }

    private async Task StartAsync(int index)
    {
        var silo = SiloProcess.Start([], environment(), _ports[index].Silo, _ports[index].Gateway);
        _silos[index] = silo;
        Interlocked.Increment(ref _starts);
        await silo.WaitForOutputAsync("Hive is running", StartWithin);
    }
}
