using Hive.Chaos;
using Hive.Client;
using Hive.Tests.Durable;
using Hive.Tests.Processes;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Hive.Tests.Failover;

/// <summary>
/// Integration (real PostgreSQL and Redis): three silo processes in one Redis cluster, with grain state and append
/// tables in a fresh database that they reach through a <see cref="TcpProxy"/>, so a test can take PostgreSQL away
/// without touching the server other tests share. One Hive client reaches every gateway through Redis. The tests
/// share this cluster and each leaves it with three silos running.
/// </summary>
public sealed class FailoverCluster : IAsyncLifetime
{
    public const int Size = 3;
    private static readonly TimeSpan StartWithin = TimeSpan.FromMinutes(2);
    private readonly SiloProcess?[] _silos = new SiloProcess?[Size];
    private readonly (int Silo, int Gateway)[] _ports = [.. Enumerable.Range(0, Size).Select(_ => (FreePorts.Next(), FreePorts.Next()))];
    private TestDatabase _database = null!;
    private IHost? _client;

    public string ClusterId { get; } = DurableSilo.NewClusterId("failover");

    /// <summary>What the silos know as PostgreSQL: <see cref="TcpProxy.Down"/> is a stopped server to them.</summary>
    internal TcpProxy Postgres { get; private set; } = null!;

    public HiveClient Hive => _client!.Hive();

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        Postgres = TcpProxy.To(TestServices.Postgres);
        // The first silo migrates the empty database; the others would only wait for its advisory lock.
        await StartAsync(0);
        await Task.WhenAll(StartAsync(1), StartAsync(2));
        _client = await StartClientAsync();
    }

    /// <summary>A client of this cluster (an operator of every scope) with the chaos driver's settings, changed by <paramref name="configure"/>.</summary>
    public Task<IHost> StartClientAsync(Action<HiveClientOptions>? configure = null, TimeSpan? callTimeout = null) =>
        ChaosClient.StartAsync(o =>
        {
            o.RedisConnectionString = TestServices.Redis;
            o.ClusterId = ClusterId;
            o.ServiceId = ClusterId;
            o.CallerId = "failover-tests";
            o.Token = ProcessKeys.OperatorToken;
            configure?.Invoke(o);
        }, callTimeout);

    /// <summary>Silo <paramref name="index"/> (0–2) dies the way a crash or an OOM kill ends it.</summary>
    public Task KillAsync(int index) => _silos[index]!.KillAsync();

    /// <summary>Silo <paramref name="index"/> is stopped as an orchestrator stops it (SIGTERM) and shuts down gracefully.</summary>
    public async Task TerminateAsync(int index)
    {
        var exit = await _silos[index]!.TerminateAsync(StartWithin);
        Assert.True(exit == 0, $"Silo {index} exited with {exit} on SIGTERM:\n{_silos[index]!.Output}");
    }

    /// <summary>Stops every silo gracefully, starts them all again on the same ports, and reconnects the client.</summary>
    public async Task RestartAllAsync()
    {
        await _client!.StopAsync();
        _client.Dispose();
        await Task.WhenAll(Enumerable.Range(0, Size).Select(TerminateAsync));
        await EnsureAllRunningAsync();
        _client = await StartClientAsync();
    }

    /// <summary>Starts again every silo that is not running, where it ran before.</summary>
    public async Task EnsureAllRunningAsync()
    {
        var stopped = Enumerable.Range(0, Size).Where(i => _silos[i] is not { HasExited: false }).ToList();
        foreach (var i in stopped)
        {
            if (_silos[i] is { } old) await old.DisposeAsync();
            _silos[i] = null;
        }
        await Task.WhenAll(stopped.Select(StartAsync));
    }

    public async Task DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.StopAsync();
            _client.Dispose();
        }
        foreach (var silo in _silos.OfType<SiloProcess>()) await silo.DisposeAsync();
        if (Postgres is not null) await Postgres.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
    }

    private async Task StartAsync(int index)
    {
        var silo = SiloProcess.Start([], Environment(), _ports[index].Silo, _ports[index].Gateway);
        _silos[index] = silo;
        await silo.WaitForOutputAsync("Hive is running", StartWithin);
    }

    private Dictionary<string, string> Environment()
    {
        var viaProxy = new NpgsqlConnectionStringBuilder(_database.ConnectionString) { Host = "127.0.0.1", Port = Postgres.Port }.ConnectionString;
        var environment = DurableSilo.Environment(viaProxy, ClusterId);
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
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FailoverCollection : ICollectionFixture<FailoverCluster>
{
    public const string Name = "failover-cluster";
}
