using Hive.Memory;
using Hive.Silo.Storage.Resilience;
using Npgsql;

namespace Hive.Silo.Storage.Append;

/// <summary>
/// Memory channels' change logs in PostgreSQL (<c>hive_memory_changes</c>). Key grains' changes normally arrive through
/// the batched grain storage, in the transaction of their state write (<see cref="MemoryChangeSql.InsertAsync"/>); this
/// adapter stores the rest the same way, reads, and takes unused revisions as skips. The primary key (channel, revision)
/// refuses a revision taken twice; each insert trims its channels to the newest <c>Hive:Memory:ChangeLogRetention</c> revisions.
/// </summary>
public sealed class PostgresMemoryChangeLog : IMemoryChangeLog
{
    private readonly PostgresCalls _db;
    private readonly int _retention;

    public PostgresMemoryChangeLog(PostgresCalls db, IOptions<MemoryOptions> memory)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(memory.Value.ChangeLogRetention, 1);
        _db = db;
        _retention = memory.Value.ChangeLogRetention;
    }

    public async Task AppendAsync(string channel, IReadOnlyList<MemoryChange> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0) return;
        HiveText.RequireStorable(channel, "Memory channel");
        var entries = changes.Select(c => new MemoryLogEntry(channel, c)).ToArray();
        foreach (var entry in entries) RequireStorable(entry);
        if (entries.Select(e => e.Change.Revision).Distinct().Count() != entries.Length)
            throw new InvalidOperationException($"The append to channel {channel} names one revision twice; none were stored.");
        // Idempotent: a retry after a lost commit finds its own rows and counts them as stored.
        await _db.WriteAsync(async (connection, transaction, token) =>
        {
            var results = await MemoryChangeSql.InsertAsync(connection, transaction, entries, _retention, token);
            if (Array.FindIndex(results, r => !r.Stored) is var refused and >= 0)
            {
                throw new InvalidOperationException(
                    $"Revision {entries[refused].Change.Revision} of channel {channel} is already taken; none of the {entries.Length} changes were stored.");
            }
            return true;
        }, idempotent: true, cancellationToken);
    }

    public async Task SkipAsync(string channel, IReadOnlyList<long> revisions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(revisions);
        if (revisions.Count == 0) return;
        HiveText.RequireStorable(channel, "Memory channel");
        await _db.WriteAsync(async (connection, transaction, token) =>
        {
            await MemoryChangeSql.SkipAsync(connection, transaction, channel, revisions, _retention, token);
            return true;
        }, idempotent: true, cancellationToken);
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

    /// <summary>Throws when PostgreSQL would refuse the change's text, so one bad change never fails a whole batch.</summary>
    internal static void RequireStorable(MemoryLogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        HiveText.RequireStorable(entry.Channel, "Memory channel");
        HiveText.RequireStorable(entry.Change.Key, "Memory key");
        HiveText.RequireStorable(entry.Change.Value, "Memory value");
        HiveText.RequireStorable(entry.Change.Author, "Memory change author");
    }
}
