using Hive.Silo.Storage.Append;
using Hive.Silo.Storage.Resilience;

namespace Hive.Tests.Durable;

/// <summary>Group commit against a real PostgreSQL: shared round trips, shared fate, and refusals that stay with their caller.</summary>
[Trait("Category", "Durable")]
public sealed class GroupCommitTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 9, 30, 0, TimeSpan.Zero);
    private PostgresSchema _schema = null!;
    private TestStores _stores = null!;

    public async Task InitializeAsync()
    {
        _schema = await PostgresSchema.CreateAsync();
        _stores = new TestStores(_schema.DataSource);
    }

    public async Task DisposeAsync() => await _schema.DisposeAsync();

    private static Message Note(string to, long sequence) => new(sequence, "sender", to, "notice", $"note {sequence}", "body", null, At);

    [Fact]
    public async Task Two_hundred_concurrent_appends_share_far_fewer_round_trips_and_all_are_readable()
    {
        await using var messages = _stores.Messages();

        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => messages.AppendAsync([Note($"agent-{i}", 1)]))));

        output.WriteLine($"200 appends: {messages.Appends.Batches} batches, largest {messages.Appends.LargestBatch}");
        Assert.Equal(200, messages.Appends.Items);
        Assert.InRange(messages.Appends.Batches, 1, 20);
        for (var i = 0; i < 200; i++) Assert.Equal(Note($"agent-{i}", 1), Assert.Single(await messages.PendingAsync($"agent-{i}", 10)));
        Assert.Equal(200L, await _schema.ScalarAsync("SELECT count(*) FROM hive_messages"));
    }

    [Fact]
    public async Task A_failed_batch_fails_every_caller_in_it_and_stores_none_of_them()
    {
        await using var audit = _stores.Audit();
        await using var blocker = await LockHolder.TakeAsync(_schema, "LOCK TABLE hive_audit IN EXCLUSIVE MODE");
        var first = audit.AppendAsync([Event("first")]);
        await blocker.WaitForWaiterAsync();
        var queued = Enumerable.Range(0, 20).Select(i => audit.AppendAsync([Event(i == 7 ? "poison" : $"caller-{i}")])).ToArray();

        // The queued callers ride in one batch; a constraint added meanwhile refuses one of its rows, and with it the batch.
        await blocker.RunAsync("ALTER TABLE hive_audit ADD CONSTRAINT no_poison CHECK (actor <> 'poison')");
        await blocker.CommitAsync();

        await first;
        var errors = await Task.WhenAll(queued.Select(t => Assert.ThrowsAsync<Npgsql.PostgresException>(() => t)));
        Assert.All(errors, e => Assert.Equal("23514", e.SqlState));
        Assert.Equal((2L, 21L), (audit.Appends.Batches, audit.Appends.Items));
        Assert.Equal(1L, await _schema.ScalarAsync("SELECT count(*) FROM hive_audit"));
        Assert.Equal(StorageCircuit.Closed, _stores.Health.Circuit);
    }

    [Fact]
    public async Task A_stale_caller_is_refused_alone_while_its_batch_mates_commit()
    {
        await using var messages = _stores.Messages();
        await messages.AppendAsync([Note("taken", 1)]);
        await using var blocker = await LockHolder.TakeAsync(_schema,
            $"SELECT pg_advisory_xact_lock({AdvisoryLocks.Inboxes}, hashtext('blocker'))");
        var first = messages.AppendAsync([Note("blocker", 1)]);
        await blocker.WaitForWaiterAsync();
        var fresh = Enumerable.Range(0, 30).Select(i => messages.AppendAsync([Note($"fresh-{i}", 1), Note($"fresh-{i}", 2)])).ToArray();
        var stale = messages.AppendAsync([Note("new-inbox", 1), Note("taken", 1)]);
        await blocker.CommitAsync();

        await Task.WhenAll([first, .. fresh]);
        await Assert.ThrowsAsync<InvalidOperationException>(() => stale);

        // Batches: the setup append, the blocked one, then all the rest together.
        Assert.Equal((3L, 33L), (messages.Appends.Batches, messages.Appends.Items));
        Assert.Equal(61L, await _schema.ScalarAsync("SELECT count(*) FROM hive_messages WHERE agent_id <> 'taken'"));
        Assert.Empty(await messages.PendingAsync("new-inbox", 10));
    }

    [Fact]
    public async Task Text_PostgreSQL_cannot_hold_is_refused_alone_before_it_is_queued()
    {
        await using var messages = _stores.Messages();

        var nul = await Assert.ThrowsAsync<HiveException>(() => messages.AppendAsync([Note("a1", 1) with { Body = "zero\0byte" }]));
        var surrogate = await Assert.ThrowsAsync<HiveException>(() => messages.AppendAsync([Note("a1", 1) with { Subject = "half \uD83D" }]));
        await messages.AppendAsync([Note("a1", 1) with { Subject = "whole \uD83D\uDE00" }]);

        Assert.Equal((HiveErrorCodes.Validation, HiveErrorCodes.Validation), (nul.Code, surrogate.Code));
        Assert.Equal("whole 😀", Assert.Single(await messages.PendingAsync("a1", 10)).Subject);
        Assert.Equal(1L, messages.Appends.Items);
    }

    private static AuditEvent Event(string actor) => new(At, actor, "task/t1", "step", null, null, null);
}
