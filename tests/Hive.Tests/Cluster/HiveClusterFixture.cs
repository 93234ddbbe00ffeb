using Hive.Silo.Hosting;
using Hive.Silo.InMemory;
using Hive.Tests.Durable;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Orleans.TestingHost;

namespace Hive.Tests.Cluster;

/// <summary>
/// An in-process hive of two silos sharing one set of in-memory adapters (so an inbox that moves silo finds
/// its messages), or one PostgreSQL database, with Hive's clock faked.
/// Timers tick every few milliseconds of real time but compare against the fake clock, so a test moves
/// time with <see cref="Advance"/> and then waits briefly for the effect — it never sleeps out a deadline.
/// </summary>
public class HiveClusterFixture : IAsyncLifetime
{
    private readonly bool _onPostgres;
    private TestDatabase? _database;

    /// <summary>The fixture's own PostgreSQL database; null in memory.</summary>
    protected TestDatabase? Database => _database;
    private NpgsqlDataSource? _dataSource;

    public HiveClusterFixture()
        : this(onPostgres: false)
    {
    }

    /// <param name="onPostgres">
    /// Everything durable in a fresh, migrated PostgreSQL database (grain state through Hive's batched writer, catalog,
    /// audit, memory log and messages in the append tables) instead of the in-memory adapters.
    /// </param>
    protected HiveClusterFixture(bool onPostgres) => _onPostgres = onPostgres;

    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(10);
    public const int MissedHeartbeatsAllowed = 3;
    public static readonly TimeSpan HeartbeatDeadline = HeartbeatInterval * MissedHeartbeatsAllowed;
    public static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(25);
    public static readonly TimeSpan QueueResyncInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Small enough for a test to fill an inbox; no other test may leave this many messages pending.</summary>
    public const int InboxCapacity = 20;
    /// <summary>Small, so a test can write past it and see a watch answer "compacted".</summary>
    public const int ChangeLogRetention = 64;

    /// <summary>Small, so a test can fill an inbox's or a channel's long-poll places; no other test holds this many on one grain.</summary>
    public const int MaxLongPollWaiters = 6;
    public const int MaxLongPollWaitersPerCaller = 3;
    /// <summary>Small, so a few values of a few KiB make a watch answer go over it.</summary>
    public const int MaxWatchAnswerBytes = 16 * 1024;

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly InMemoryEntityCatalog _catalog = new();
    private readonly InMemoryAuditLog _audit = new();

    /// <summary>The catalog the silos write, whichever store that is.</summary>
    public IEntityCatalog Catalog => Cluster.Silos[0].ServiceProvider.GetRequiredService<IEntityCatalog>();

    /// <summary>The audit trail the silos write, whichever store that is.</summary>
    public IAuditLog Audit => Cluster.Silos[0].ServiceProvider.GetRequiredService<IAuditLog>();

    /// <summary>The message store the silos write, whichever store that is.</summary>
    public IMessageStore MessageStore => Cluster.Silos[0].ServiceProvider.GetRequiredService<IMessageStore>();

    public AlertLog Alerts { get; } = new();

    /// <summary>Calls the silos drop or fail on arrival.</summary>
    public CallFaults Faults { get; } = new();

    /// <summary>The in-memory message store; only the in-memory fixture uses it, for tests that count its appends.</summary>
    public InMemoryMessageStore Messages { get; } = new();
    public InMemoryMemoryChangeLog MemoryLog { get; } = new(ChangeLogRetention);
    public InProcessTestCluster Cluster { get; private set; } = null!;
    public HiveClient Hive { get; private set; } = null!;
    public IGrainFactory Grains => Cluster.Client;

    /// <summary>
    /// Grains as a silo's own code outside any grain reaches them: for the few tests that do what no client may
    /// (call a grain-to-grain method, force a deactivation), since the credential filter refuses those from clients.
    /// </summary>
    public IGrainFactory SiloGrains => Cluster.Silos[0].ServiceProvider.GetRequiredService<IGrainFactory>();

    /// <summary>The configuration every silo of this fixture starts with; fixtures for other cluster shapes add to it.</summary>
    protected virtual Dictionary<string, string?> Settings() => new()
    {
        ["Hive:Timing:HeartbeatInterval"] = HeartbeatInterval.ToString(),
        ["Hive:Timing:MissedHeartbeatsAllowed"] = MissedHeartbeatsAllowed.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Hive:Timing:CheckInterval"] = TickInterval.ToString(),
        ["Hive:Timing:SweepInterval"] = TickInterval.ToString(),
        ["Hive:Timing:QueueResyncInterval"] = QueueResyncInterval.ToString(),
        ["Hive:Messaging:InboxCapacity"] = InboxCapacity.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Hive:Memory:ChangeLogRetention"] = ChangeLogRetention.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Hive:Messaging:MaxReceiveWaiters"] = MaxLongPollWaiters.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Hive:Messaging:MaxReceiveWaitersPerCaller"] = MaxLongPollWaitersPerCaller.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Hive:Memory:MaxWatchers"] = MaxLongPollWaiters.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Hive:Memory:MaxWatchersPerCaller"] = MaxLongPollWaitersPerCaller.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Hive:Memory:MaxWatchAnswerBytes"] = MaxWatchAnswerBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        // Shared by every test: real CPU readings and other tests' silent agents must not change the service level here.
        ["Hive:Health:ReportSiloSignals"] = "false",
        ["Hive:Health:UnresponsiveAgentShare:Reduced"] = "2",
        ["Hive:Health:UnresponsiveAgentShare:Essential"] = "2",
        ["Hive:Health:UnresponsiveAgentShare:Emergency"] = "2",
        ["Hive:Health:CacheRefreshInterval"] = TickInterval.ToString(),
    };

    public async Task InitializeAsync()
    {
        if (_onPostgres)
        {
            _database = await TestDatabase.CreateMigratedAsync();
            _dataSource = _database.CreateDataSource();
        }
        var builder = new InProcessTestClusterBuilder(2);
        var configuration = OpenHive.Configuration(Settings());
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton(new HiveClock(Time));
            silo.Services.AddSingleton<IAlertSink>(sp => new RecordingAlertSink(Alerts, ActivatorUtilities.CreateInstance<EscalationAlertSink>(sp)));
            AddStores(silo, configuration);
            silo.AddIncomingGrainCallFilter(context => Faults.Intercept(context) ? Task.CompletedTask : context.Invoke());
            silo.AddHive(configuration);
        });
        // As Hive.Client wires it: the caller's trace reaches the silo, and the audit.
        builder.ConfigureClient(client => client.AddActivityPropagation());
        Cluster = builder.Build();
        await Cluster.DeployAsync();
        Hive = new HiveClient(Cluster.Client);
    }

    /// <summary>Where the silos keep state, catalog, audit, memory log and messages: PostgreSQL, or the shared in-memory adapters.</summary>
    private void AddStores(ISiloBuilder silo, IConfiguration configuration)
    {
        if (_dataSource is not null)
        {
            silo.AddHivePostgres(_dataSource, configuration);
            return;
        }
        silo.Services.AddSingleton<IEntityCatalog>(_catalog);
        silo.Services.AddSingleton<IAuditLog>(_audit);
        silo.Services.AddSingleton<IMessageStore>(Messages);
        silo.Services.AddSingleton<IMemoryChangeLog>(MemoryLog);
    }

    public virtual async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        if (_dataSource is not null) await _dataSource.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
    }

    /// <summary>Moves Hive's clock forward; timers notice within a tick or two.</summary>
    public void Advance(TimeSpan by) => Time.Advance(by);

    /// <summary>Waits (bounded) until <paramref name="condition"/> holds; fails with <paramref name="what"/> otherwise.</summary>
    public static async Task Eventually(Func<Task<bool>> condition, string what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(10));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Timed out waiting until {what}.");
            await Task.Delay(10);
        }
    }

    /// <summary>Waits until every silo's cached service level has caught up with <paramref name="status"/>.</summary>
    public Task UntilEverySiloEnforces(Hive.Health.HiveHealthStatus status) => Eventually(
        () => Task.FromResult(Cluster.Silos.All(s => s.ServiceProvider.GetRequiredService<Hive.Health.ServiceLevelCache>().Current.Version >= status.Version)),
        $"every silo enforces health status version {status.Version} ({status.Level}, halted: {status.Halted})");

    /// <summary>A fresh id per test, so tests sharing the cluster never see each other's entities.</summary>
    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];
}

[CollectionDefinition(Name)]
public sealed class HiveClusterCollection : ICollectionFixture<HiveClusterFixture>
{
    public const string Name = "hive-cluster";
}
