using Hive.Silo.Hosting;
using Hive.Silo.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hive.Tests.Durable;

/// <summary>Integration (real PostgreSQL): one database, one hive — the first service id to start on a database owns it.</summary>
[Trait("Category", "Durable")]
public sealed class DatabaseOwnerTests
{
    [Fact]
    public async Task The_first_silo_claims_the_database_and_silos_of_the_same_hive_start_on_it()
    {
        await using var database = await TestDatabase.CreateAsync();
        var target = Target(database);

        await OpenAsync(target, "hive-a");
        await OpenAsync(target, "hive-a");

        Assert.Equal("hive-a", await database.ScalarAsync<string>("SELECT service_id FROM hive_owner"));
    }

    [Fact]
    public async Task A_silo_of_another_hive_is_refused_with_one_line_naming_both_ids_and_the_setting()
    {
        await using var database = await TestDatabase.CreateAsync();
        var target = Target(database);
        await OpenAsync(target, "hive-a");

        var error = await Assert.ThrowsAsync<StartupException>(() => OpenAsync(target, "hive-b"));

        Assert.Contains("belongs to service id 'hive-a'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Hive:Silo:ServiceId is 'hive-b'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Equal("hive-a", await database.ScalarAsync<string>("SELECT service_id FROM hive_owner"));
    }

    [Fact]
    public async Task Silos_of_two_hives_starting_together_on_a_fresh_database_leave_exactly_one_owner()
    {
        await using var database = await TestDatabase.CreateAsync();
        var target = Target(database);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 6).Select(async i =>
        {
            try
            {
                await OpenAsync(target, i % 2 == 0 ? "hive-even" : "hive-odd");
                return i % 2 == 0 ? "hive-even" : "hive-odd";
            }
            catch (StartupException)
            {
                return null;
            }
        }));

        var owner = await database.ScalarAsync<string>("SELECT service_id FROM hive_owner");
        Assert.All(outcomes.Where(o => o is not null), o => Assert.Equal(owner, o));
        Assert.Equal(3, outcomes.Count(o => o is not null));
    }

    [Fact]
    public async Task A_database_holding_one_hives_state_before_the_migration_belongs_to_that_hive()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var dataSource = database.CreateDataSource())
            await new MigrationRunner(dataSource, Migrations.Embedded.Where(m => m.Version < 6).ToList(), NullLogger<MigrationRunner>.Instance).ApplyAsync();
        await database.ExecuteAsync(
            "INSERT INTO hive_grain_state (service_id, state_name, key_n0, key_n1, key_string, payload, version) VALUES ('old-hive', 'agent', 0, 0, 'agent/a1', '\\x00', 1)");

        var error = await Assert.ThrowsAsync<StartupException>(() => OpenAsync(Target(database), "new-hive"));

        Assert.Contains("belongs to service id 'old-hive'", error.Message, StringComparison.Ordinal);
        await OpenAsync(Target(database), "old-hive");
    }

    private static PostgresTarget Target(TestDatabase database) => new(database.ConnectionString, database.Name);

    private static async Task OpenAsync(PostgresTarget target, string serviceId)
    {
        var (dataSource, _) = await DurableStorage.OpenAsync(target, serviceId, NullLoggerFactory.Instance);
        await dataSource.DisposeAsync();
    }
}
