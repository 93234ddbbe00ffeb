using Hive.Silo.Hosting;
using Orleans.TestingHost;

namespace Hive.Tests.Durable;

/// <summary>
/// One silo in this process, wired as the durable silo wires itself (<c>AddHivePostgres</c>, <c>AddHive</c>), on a fresh
/// migrated PostgreSQL database of its own: for tests that need the real storage but not a silo process.
/// </summary>
internal sealed class DurableTestHive : IAsyncDisposable
{
    /// <summary>Storage timeouts short enough for a test to make a write fail, and nothing that would refuse the writes that follow.</summary>
    public static readonly IReadOnlyDictionary<string, string?> FailingWrites = new Dictionary<string, string?>
    {
        ["Hive:Storage:Resilience:AttemptTimeout"] = "00:00:01",
        ["Hive:Storage:Resilience:TotalTimeout"] = "00:00:02",
        ["Hive:Storage:Resilience:MaxRetries"] = "1",
        // The failures are the point: the circuit must not open and refuse the writes that follow,
        ["Hive:Storage:Resilience:FailureRatio"] = "1",
        ["Hive:Storage:Resilience:MinimumThroughput"] = "10000",
        // nor may a busy machine's CPU shed them before they reach storage.
        ["Hive:Health:ReportSiloSignals"] = "false",
    };

    private DurableTestHive(TestDatabase database, NpgsqlDataSource dataSource, InProcessTestCluster cluster) =>
        (Database, DataSource, Cluster, Hive) = (database, dataSource, cluster, new HiveClient(cluster.Client));

    public TestDatabase Database { get; }
    public NpgsqlDataSource DataSource { get; }
    public InProcessTestCluster Cluster { get; }
    public HiveClient Hive { get; }

    public static async Task<DurableTestHive> StartAsync(IEnumerable<KeyValuePair<string, string?>>? settings = null, Action<IClientBuilder>? client = null)
    {
        var database = await TestDatabase.CreateMigratedAsync();
        var dataSource = database.CreateDataSource();
        var configuration = OpenHive.Configuration(settings);
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddHivePostgres(dataSource, configuration);
            silo.AddHive(configuration);
        });
        if (client is not null) builder.ConfigureClient(client);
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new DurableTestHive(database, dataSource, cluster);
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        await DataSource.DisposeAsync();
        await Database.DisposeAsync();
    }
}
