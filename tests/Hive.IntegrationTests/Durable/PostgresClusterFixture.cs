using Hive.Silo.Hosting;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Hive.Tests.Durable;

/// <summary>
/// Integration (real PostgreSQL): an in-process silo whose grain state goes through Hive's batched writer into a
/// fresh, migrated database, with Orleans' ADO.NET provider beside it on the same rows. Separate from the in-memory <c>hive-cluster</c> collection.
/// </summary>
public sealed class PostgresClusterFixture : IAsyncLifetime
{
    /// <summary>Fixed, because storage rows are keyed by it and the tests read rows back.</summary>
    public const string ServiceId = "hive-durable-tests";

    /// <summary>Orleans' stock ADO.NET provider on the same rows (<c>Hive:Storage:GrainStateWriter AdoNet</c>).</summary>
    public const string AdoNetStorage = "hive-adonet";

    private NpgsqlDataSource? _dataSource;

    public TestDatabase Database { get; private set; } = null!;
    public InProcessTestCluster Cluster { get; private set; } = null!;
    public HiveClient Hive { get; private set; } = null!;

    /// <summary>The grain storage the silo uses, to read state straight from the database, past any activation.</summary>
    public IGrainStorage Storage => StorageNamed(HiveStorage.Name);

    public IGrainStorage StorageNamed(string name) => Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(name);

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateMigratedAsync();
        _dataSource = Database.CreateDataSource();
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ServiceId = ServiceId;
        var configuration = OpenHive.Configuration();
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddHivePostgres(_dataSource, new ConfigurationBuilder().Build());
            silo.AddPostgresGrainStorage(AdoNetStorage, _dataSource, GrainStateWriter.AdoNet);
            silo.AddHive(configuration);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
        Hive = new HiveClient(Cluster.Client);
    }

    public async Task DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.StopAllSilosAsync();
            await Cluster.DisposeAsync();
        }
        if (_dataSource is not null) await _dataSource.DisposeAsync();
        if (Database is not null) await Database.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresClusterCollection : ICollectionFixture<PostgresClusterFixture>
{
    public const string Name = "postgres-cluster";
}
