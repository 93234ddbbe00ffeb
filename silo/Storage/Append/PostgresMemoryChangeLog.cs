using Hive.Memory;
using Hive.Silo.Storage.GroupCommit;
using Hive.Silo.Storage.Resilience;
using Npgsql;

namespace Hive.Silo.Storage.Append;

/// <summary>
/// Memory channels' change logs in PostgreSQL (<c>hive_memory_changes</c>). Appends that arrive together, for any
/// channels, share one transaction and one round trip; each is checked to continue its channel's latest revision
/// under a lock on the channel, so a stale append is refused alone, whole, as in the in-memory log. The same
/// transaction trims each touched channel to the newest <c>Hive:Memory:ChangeLogRetention</c> revisions.
/// </summary>
public sealed class PostgresMemoryChangeLog : IMemoryChangeLog, IAsyncDisposable
{
    private readonly PostgresCalls _db;
    private readonly int _retention;

    public PostgresMemoryChangeLog(PostgresCalls db, IOptions<MemoryOptions> memory, IOptions<GroupCommitOptions> options,
        ILogger<PostgresMemoryChangeLog> log)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(memory.Value.ChangeLogRetention, 1);
        _db = db;
        _retention = memory.Value.ChangeLogRetention;
        Appends = new GroupCommitter<ChannelAppend>("memory change appends", WriteAsync, options.Value, log);
    }

    internal GroupCommitter<ChannelAppend> Appends { get; }

    public async Task AppendAsync(string channel, IReadOnlyList<MemoryChange> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0) return;
        for (var i = 0; i < changes.Count; i++)
        {
            RequireStorable(changes[i]);
            // Gaps inside the append are refused here; whether it continues the stored log is checked in the transaction.
            if (changes[i].Revision != changes[0].Revision + i)
            {
                throw new InvalidOperationException(
                    $"Change {i} of the append to channel {channel} has revision {changes[i].Revision}, not {changes[0].Revision + i}: revisions must not skip.");
            }
        }
        HiveText.RequireStorable(channel, "Memory channel");
        await Appends.SubmitAsync(new ChannelAppend(channel, changes), cancellationToken);
    }

    public Task<MemoryLogRead> ReadAsync(string channel, long afterRevision, int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        return _db.ReadAsync(async (connection, token) =>
        {
            await using var command = MemoryChangeSql.ReadCommand(connection, channel, afterRevision, max, _retention);
            await command.PrepareAsync(token);
            await using var reader = await command.ExecuteReaderAsync(token);
            return await MemoryChangeSql.ReadAsync(reader, _retention, token);
        }, cancellationToken);
    }

    public Task<long> LatestRevisionAsync(string channel, CancellationToken cancellationToken = default) =>
        _db.ReadAsync(async (connection, token) =>
        {
            await using var command = new NpgsqlCommand(MemoryChangeSql.Latest, connection) { Parameters = { SqlParameters.Text("channel", channel) } };
            await command.PrepareAsync(token);
            return (long)(await command.ExecuteScalarAsync(token))!;
        }, cancellationToken);

    public ValueTask DisposeAsync() => Appends.DisposeAsync();

    private Task<Exception?[]?> WriteAsync(IReadOnlyList<ChannelAppend> batch, CancellationToken cancellationToken) =>
        // Not idempotent: after an unconfirmed commit the retry would be refused as stale, so it is not retried.
        _db.WriteAsync<Exception?[]?>(async (connection, transaction, token) =>
        {
            await using var statements = new NpgsqlBatch(connection, transaction);
            statements.BatchCommands.Add(AdvisoryLocks.Command(AdvisoryLocks.MemoryChannels, batch.Select(a => a.Channel)));
            foreach (var append in batch) statements.BatchCommands.Add(MemoryChangeSql.AppendCommand(append.Channel, append.Changes));
            if (MemoryChangeSql.TrimCommand(batch.Select(a => (a.Channel, a.Changes[^1].Revision)), _retention) is { } trim)
                statements.BatchCommands.Add(trim);
            await statements.PrepareAsync(token);
            await statements.ExecuteNonQueryAsync(token);
            var refused = new Exception?[batch.Count];
            for (var i = 0; i < batch.Count; i++)
            {
                if (statements.BatchCommands[i + 1].RecordsAffected == 0) refused[i] = Stale(batch[i]);
            }
            return refused;
        }, idempotent: false, cancellationToken);

    private static InvalidOperationException Stale(ChannelAppend append) => new(
        $"Channel {append.Channel} is no longer at revision {append.Changes[0].Revision - 1}: another writer appended first, "
        + $"so none of revisions {append.Changes[0].Revision}–{append.Changes[^1].Revision} were appended.");

    private static void RequireStorable(MemoryChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        HiveText.RequireStorable(change.Key, "Memory key");
        HiveText.RequireStorable(change.Value, "Memory value");
        HiveText.RequireStorable(change.Author, "Memory change author");
    }

    internal sealed record ChannelAppend(string Channel, IReadOnlyList<MemoryChange> Changes);
}
