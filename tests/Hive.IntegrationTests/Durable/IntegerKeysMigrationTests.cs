using Hive.Silo.Storage;

namespace Hive.Tests.Durable;

/// <summary>Integration (real PostgreSQL): migration 0005 moves the batched writer's health row ('0') to the key both writers use ('').</summary>
[Trait("Category", "Durable")]
public sealed class IntegerKeysMigrationTests
{
    [Fact]
    public async Task The_health_row_moves_to_the_shared_key_and_a_provider_row_already_there_wins()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var dataSource = database.CreateDataSource();
        await MigrationRunnerTests.Runner(dataSource, Migrations.Embedded.Where(m => m.Version < 5).ToList()).ApplyAsync();
        await database.ExecuteAsync("""
            INSERT INTO hive_grain_state (service_id, state_name, key_n0, key_n1, key_string, payload, version) VALUES
                ('moves', 'hive-health', 0, 0, '0', '\x01', 7),
                ('both', 'hive-health', 0, 0, '0', '\x02', 3),
                ('both', 'hive-health', 0, 0, '', '\x03', 9),
                ('moves', 'agent', 0, 0, '0', '\x04', 1)
            """);

        var report = await MigrationRunnerTests.Runner(dataSource, Migrations.Embedded).ApplyAsync();

        Assert.Contains(5, report.Applied.Select(m => m.Version));
        Assert.Equal("both:'':9,moves:'':7", await database.ScalarAsync<string>("""
            SELECT string_agg(service_id || ':' || quote_literal(key_string) || ':' || version, ',' ORDER BY service_id)
            FROM hive_grain_state WHERE state_name = 'hive-health'
            """));
        Assert.Equal(1L, await database.ScalarAsync<long>("SELECT count(*) FROM hive_grain_state WHERE state_name = 'agent' AND key_string = '0'"));
    }
}
