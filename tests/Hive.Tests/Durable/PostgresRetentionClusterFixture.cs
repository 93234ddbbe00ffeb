using Hive.Silo.Hosting;
using Hive.Tests.Cluster;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Hive.Tests.Durable;

/// <summary>The retention hive of <see cref="RetentionClusterFixture"/> with everything durable in a fresh, migrated PostgreSQL database.</summary>
public sealed class PostgresRetentionClusterFixture : RetentionClusterFixture
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

    public override async Task<long?> StateRowsAsync(string key) =>
        await _database!.ScalarAsync<long>($"SELECT count(*) FROM hive_grain_state WHERE key_string = '{key.Replace("'", "''", StringComparison.Ordinal)}'");

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_dataSource is not null) await _dataSource.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresRetentionClusterCollection : ICollectionFixture<PostgresRetentionClusterFixture>
{
    public const string Name = "postgres-retention-cluster";
}
