using Hive.Chaos;
using System.Net;
using Microsoft.Extensions.Hosting;
using Orleans.Runtime;

namespace Hive.Tests.Failover;

/// <summary>
/// Integration (real PostgreSQL and Redis): three silo processes in one Redis cluster, with grain state and append
/// tables in a fresh database that each silo reaches through a <see cref="TcpProxy"/> of its own, so a test can take
/// PostgreSQL away from all of them or from one without touching the server other tests share. Silos reach each other
/// through proxies too: each silo listens on one port and advertises its proxy's, so every silo-to-silo connection
/// crosses the proxy of the silo it was dialed to, and <see cref="Partition"/> can cut one silo off. One Hive client
/// reaches every gateway (directly) through Redis. The tests share this cluster and each leaves it with three silos running.
/// </summary>
public sealed class FailoverCluster : IAsyncLifetime
{
    public const int Size = 3;
    private static readonly TimeSpan StartWithin = TimeSpan.FromMinutes(2);
    private readonly SiloProcess?[] _silos = new SiloProcess?[Size];
    private readonly (int Listen, int Gateway)[] _ports = [.. Enumerable.Range(0, Size).Select(_ => (FreePorts.Next(), FreePorts.Next()))];
    private readonly TcpProxy[] _inbound = new TcpProxy[Size];
    private readonly TcpProxy[] _postgres = new TcpProxy[Size];
    private TestDatabase _database = null!;
    private IHost? _client;

    public string ClusterId { get; } = DurableSilo.NewClusterId("failover");

    /// <summary>What the silos know as PostgreSQL, all of them at once: <see cref="ProxyGroup.Down"/> is a stopped server to them.</summary>
    internal ProxyGroup Postgres => new(_postgres);

    public HiveClient Hive => _client!.Hive();

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        for (var i = 0; i < Size; i++)
        {
            _postgres[i] = TcpProxy.To(TestServices.Postgres);
            _inbound[i] = TcpProxy.To(new IPEndPoint(IPAddress.Loopback, _ports[i].Listen));
        }
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

    /// <summary>Silo <paramref name="index"/> (0–2), as running now (a restart replaces it).</summary>
    public SiloProcess Silo(int index) => _silos[index]!;

    /// <summary>
    /// Cuts silo <paramref name="index"/> off from its peers and from PostgreSQL, both ways, until <see cref="Heal"/>; it
    /// still reaches Redis and clients still reach its gateway. A true partition because every byte between silos and
    /// to PostgreSQL crosses a proxy: Orleans sends a silo's messages over connections either side dialed (a connection
    /// accepted from a peer is registered for sending to that peer too), so stalling only the silo's own inbound proxy
    /// would leave the connections it dialed to its peers; those are stalled at the peers' proxies, known by the process
    /// that holds their other end. Stalled, not closed: dropped packets close nothing, so no silo hears of the cut early.
    /// </summary>
    /// <returns>What it stalled: connections into the silo, from it to its peers, and to PostgreSQL.</returns>
    public (int Into, int ToPeers, int ToPostgres) Partition(int index)
    {
        var dialedByVictim = ProcessSockets.DialedBy(_silos[index]!.Id);
        var into = _inbound[index].Partition(_ => true);
        var toPostgres = _postgres[index].Partition(_ => true);
        var toPeers = Enumerable.Range(0, Size).Where(i => i != index).Sum(i => _inbound[i].Partition(dialedByVictim));
        return (into, toPeers, toPostgres);
    }

    /// <summary>Ends a <see cref="Partition"/>: stalled connections carry on.</summary>
    public void Heal()
    {
        foreach (var proxy in _inbound.Concat(_postgres)) proxy.Heal();
    }

    /// <summary>The silos the cluster's membership counts as active, asked of the cluster through the client.</summary>
    public async Task<int> ActiveSilosAsync() =>
        (await _client!.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Count;

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
        foreach (var proxy in _inbound.Concat(_postgres).OfType<TcpProxy>()) await proxy.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
    }

    private async Task StartAsync(int index)
    {
        var silo = SiloProcess.Start([], Environment(index), _inbound[index].Port, _ports[index].Gateway);
        _silos[index] = silo;
        await silo.WaitForOutputAsync("Hive is running", StartWithin);
    }

    private Dictionary<string, string> Environment(int index)
    {
        var viaProxy = new NpgsqlConnectionStringBuilder(_database.ConnectionString) { Host = "127.0.0.1", Port = _postgres[index].Port }.ConnectionString;
        var environment = SiloGroup.DrillEnvironment(viaProxy, ClusterId);
        // Peers dial the advertised SiloPort, the silo's inbound proxy, which forwards here.
        environment["Hive__Silo__SiloListeningPort"] = _ports[index].Listen.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return environment;
    }
}

/// <summary>Several proxies switched together (every silo's PostgreSQL).</summary>
internal sealed class ProxyGroup(IReadOnlyList<TcpProxy> proxies)
{
    public void Down()
    {
        foreach (var proxy in proxies) proxy.Down();
    }

    public void Up()
    {
        foreach (var proxy in proxies) proxy.Up();
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FailoverCollection : ICollectionFixture<FailoverCluster>
{
    public const string Name = "failover-cluster";
}
