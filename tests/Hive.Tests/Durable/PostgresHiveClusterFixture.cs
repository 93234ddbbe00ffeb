using Hive.Silo.Hosting;
using Hive.Tests.Cluster;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Hive.Tests.Durable;

/// <summary>
/// The shared in-process hive of <see cref="HiveClusterFixture"/> (two silos, fake Hive clock), with everything durable in
/// a fresh, migrated PostgreSQL database: grain state through Hive's batched writer, catalog, audit, memory log and
/// messages in the append tables. The cluster tests run on both, so a defect only PostgreSQL shows fails in CI.
/// </summary>
public sealed class PostgresHiveClusterFixture : HiveClusterFixture
{
    private TestDatabase? _database;
    private NpgsqlDataSource? _dataSource;

    public override async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateMigratedAsync();
        _dataSource = _database.CreateDataSource();
        await base.InitializeAsync();
    }

    protected override void AddStores(ISiloBuilder silo, IConfiguration configuration) =>
        silo.AddHivePostgres(_dataSource!, configuration);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_dataSource is not null) await _dataSource.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresHiveClusterCollection : ICollectionFixture<PostgresHiveClusterFixture>
{
    public const string Name = "postgres-hive-cluster";
}
