using Hive.Silo.Storage;

namespace Hive.Tests.Durable;

/// <summary>Integration (real PostgreSQL): migration 0004 moves each inbox's highest sequence out of the acked messages it then deletes.</summary>
[Trait("Category", "Durable")]
public sealed class InboxHeadsMigrationTests
{
    [Fact]
    public async Task Acked_messages_go_pending_ones_stay_and_every_inbox_keeps_its_highest_sequence()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var dataSource = database.CreateDataSource();
        await MigrationRunnerTests.Runner(dataSource, Migrations.Embedded.Where(m => m.Version < 4).ToList()).ApplyAsync();
        await database.ExecuteAsync("""
            INSERT INTO hive_messages (agent_id, sequence, sender, kind, subject, body, sent_at, acked, acked_at) VALUES
                ('all-acked', 1, 's', 'notice', 'a', 'b', now(), true, now()),
                ('all-acked', 2, 's', 'notice', 'a', 'b', now(), true, now()),
                ('mixed', 1, 's', 'notice', 'a', 'b', now(), true, now()),
                ('mixed', 2, 's', 'notice', 'a', 'b', now(), false, null),
                ('mixed', 3, 's', 'notice', 'a', 'b', now(), false, null)
            """);

        var report = await MigrationRunnerTests.Runner(dataSource, Migrations.Embedded).ApplyAsync();

        Assert.Contains(4, report.Applied.Select(m => m.Version));
        Assert.Equal(2L, await database.ScalarAsync<long>("SELECT last_sequence FROM hive_inbox_heads WHERE agent_id = 'all-acked'"));
        Assert.Equal(3L, await database.ScalarAsync<long>("SELECT last_sequence FROM hive_inbox_heads WHERE agent_id = 'mixed'"));
        Assert.Equal("mixed:2,mixed:3", await database.ScalarAsync<string>(
            "SELECT string_agg(agent_id || ':' || sequence, ',' ORDER BY agent_id, sequence) FROM hive_messages"));
    }
}
