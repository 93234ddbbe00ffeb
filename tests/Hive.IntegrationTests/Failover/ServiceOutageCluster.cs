using Hive.Chaos;
using Microsoft.Extensions.Hosting;

namespace Hive.Tests.Failover;

/// <summary>
/// Integration (real PostgreSQL and Redis): three silo processes in one Redis cluster whose services a test can
/// really take away. Redis is the shared test server behind a <see cref="TcpProxy"/> that the silos and every client
/// of this fixture go through, so <see cref="TcpProxy.Down"/> is Redis gone for everyone. PostgreSQL is a server of
/// this fixture's own (<see cref="PrivatePostgres"/>), so a test can crash it with <c>pg_ctl stop -m immediate</c>
/// and start it again. The tests share this cluster and each leaves it with three silos running and both services up.
/// </summary>
public sealed class ServiceOutageCluster : IAsyncLifetime
{
    public const int Size = 3;
    private IHost? _client;

    public string ClusterId { get; } = DurableSilo.NewClusterId("outage");

    /// <summary>What the silos and clients know as Redis.</summary>
    internal TcpProxy Redis { get; private set; } = null!;

    /// <summary>The silos' PostgreSQL, reached directly.</summary>
    internal PrivatePostgres Postgres { get; private set; } = null!;

    internal SiloGroup Silos { get; private set; } = null!;

    public HiveClient Hive => _client!.Hive();

    public async Task InitializeAsync()
    {
        Postgres = await PrivatePostgres.StartAsync();
        Redis = TcpProxy.ToRedis(TestServices.Redis);
        Silos = new SiloGroup(Size, () =>
        {
            var environment = SiloGroup.DrillEnvironment(Postgres.ConnectionString, ClusterId);
            environment["Hive__Clustering__RedisConnectionString"] = Redis.RedisConfiguration;
            return environment;
        });
        await Silos.StartAllAsync();
        _client = await StartClientAsync();
    }

    /// <summary>A client of this cluster, through the Redis proxy (an operator of every scope) with the chaos driver's settings, changed by <paramref name="configure"/>.</summary>
    public Task<IHost> StartClientAsync(Action<HiveClientOptions>? configure = null, TimeSpan? callTimeout = null) =>
        ChaosClient.StartAsync(o =>
        {
            o.RedisConnectionString = Redis.RedisConfiguration;
            o.ClusterId = ClusterId;
            o.ServiceId = ClusterId;
            o.CallerId = "outage-tests";
            o.Token = ProcessKeys.OperatorToken;
            configure?.Invoke(o);
        }, callTimeout);

    /// <summary>Both services up and three silos running, whatever a test left behind.</summary>
    public async Task RestoreAsync()
    {
        Redis.Up();
        if (!await AcceptsConnectionsAsync()) await Postgres.StartAgainAsync();
        await Silos.EnsureAllRunningAsync();
    }

    public async Task DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.StopAsync();
            _client.Dispose();
        }
        if (Silos is not null) await Silos.DisposeAsync();
        if (Redis is not null) await Redis.DisposeAsync();
        if (Postgres is not null) await Postgres.DisposeAsync();
    }

    private async Task<bool> AcceptsConnectionsAsync()
    {
        try
        {
            await using var connection = new Npgsql.NpgsqlConnection(Postgres.ConnectionString + ";Pooling=false;Timeout=2");
            await connection.OpenAsync();
            return true;
        }
        catch (Npgsql.NpgsqlException)
        {
            return false;
        }
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ServiceOutageCollection : ICollectionFixture<ServiceOutageCluster>
{
    public const string Name = "service-outage-cluster";
}
