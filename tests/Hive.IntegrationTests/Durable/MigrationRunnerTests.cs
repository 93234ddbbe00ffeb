using Hive.Silo.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hive.Tests.Durable;

/// <summary>Integration (real PostgreSQL): the schema migrations a silo applies at start and `migrate` applies on demand.</summary>
[Trait("Category", "Durable")]
public sealed class MigrationRunnerTests
{
    // Each step fails if it runs twice (the table exists), and leaves a row per run, so a double apply shows.
    private static readonly Migration[] Counting =
    [
        new(1, "create_runs", "CREATE TABLE runs (step int NOT NULL); INSERT INTO runs VALUES (1);"),
        new(2, "second_step", "INSERT INTO runs VALUES (2); SELECT pg_sleep(0.2);"),
        new(3, "third_step", "CREATE TABLE third (id int); INSERT INTO runs VALUES (3);"),
    ];

    [Fact]
    public async Task Runners_started_together_apply_each_migration_exactly_once()
    {
        await using var database = await TestDatabase.CreateAsync();

        var reports = await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ =>
        {
            await using var dataSource = database.CreateDataSource();
            return await Runner(dataSource, Counting).ApplyAsync();
        }));

        Assert.Equal([1, 2, 3], reports.SelectMany(r => r.Applied).Select(m => m.Version).Order());
        Assert.All(reports, r => Assert.Equal(3, r.SchemaVersion));
        Assert.Equal(3L, await database.ScalarAsync<long>("SELECT count(*) FROM runs"));
        Assert.Equal(3L, await database.ScalarAsync<long>("SELECT count(*) FROM hive_schema_version"));
        Assert.Equal("second_step", await database.ScalarAsync<string>("SELECT name FROM hive_schema_version WHERE version = 2"));
    }

    [Fact]
    public async Task Running_again_applies_nothing_and_reports_the_current_version()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var dataSource = database.CreateDataSource();

        var first = await Runner(dataSource, Migrations.Embedded).ApplyAsync();
        var second = await Runner(dataSource, Migrations.Embedded).ApplyAsync();

        Assert.Equal(Migrations.Embedded.Select(m => m.Version), first.Applied.Select(m => m.Version));
        Assert.Empty(second.Applied);
        Assert.Equal(Migrations.Embedded[^1].Version, second.SchemaVersion);
    }

    [Fact]
    public async Task A_new_migration_is_applied_on_top_of_the_ones_already_there()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var dataSource = database.CreateDataSource();
        await Runner(dataSource, Counting[..2]).ApplyAsync();

        var report = await Runner(dataSource, Counting).ApplyAsync();

        Assert.Equal([3], report.Applied.Select(m => m.Version));
        Assert.Equal(3L, await database.ScalarAsync<long>("SELECT count(*) FROM runs"));
    }

    [Fact]
    public async Task A_schema_newer_than_the_silo_is_refused_and_left_untouched()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var dataSource = database.CreateDataSource();
        await Runner(dataSource, Counting).ApplyAsync();
        await database.ExecuteAsync("INSERT INTO hive_schema_version (version, name) VALUES (42, 'from_the_future')");

        var error = await Assert.ThrowsAsync<SchemaTooNewException>(() => Runner(dataSource, Counting).ApplyAsync());

        Assert.Equal(42, error.DatabaseVersion);
        Assert.Equal(3, error.KnownVersion);
        Assert.Contains("newer than this silo knows", error.Message, StringComparison.Ordinal);
        Assert.Equal(4L, await database.ScalarAsync<long>("SELECT count(*) FROM hive_schema_version"));
    }

    [Fact]
    public async Task A_failing_migration_leaves_neither_its_changes_nor_its_version_row()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var dataSource = database.CreateDataSource();
        Migration[] broken = [Counting[0], new(2, "broken", "INSERT INTO runs VALUES (2); SELECT * FROM no_such_table;")];

        await Assert.ThrowsAsync<Npgsql.PostgresException>(() => Runner(dataSource, broken).ApplyAsync());

        Assert.Equal(1L, await database.ScalarAsync<long>("SELECT count(*) FROM runs"));
        Assert.Equal(1, await database.ScalarAsync<int>("SELECT max(version) FROM hive_schema_version"));
    }

    internal static MigrationRunner Runner(Npgsql.NpgsqlDataSource dataSource, IReadOnlyList<Migration> migrations) =>
        new(dataSource, migrations, NullLogger<MigrationRunner>.Instance);
}
