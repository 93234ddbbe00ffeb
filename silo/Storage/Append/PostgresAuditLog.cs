using System.Globalization;
using Hive.Audit;
using Hive.Silo.Storage.GroupCommit;
using Hive.Silo.Storage.Resilience;

namespace Hive.Silo.Storage.Append;

/// <summary>
/// The audit trail in PostgreSQL (<c>hive_audit</c>). Appends that arrive together are inserted by one statement in
/// one transaction, each caller's events in order. Pages are newest first; the page token is the sequence number
/// of the last event returned, as in the in-memory trail. Timestamps are kept to the microsecond.
/// </summary>
public sealed class PostgresAuditLog : IAuditLog, IAsyncDisposable
{
    private readonly PostgresCalls _db;

    public PostgresAuditLog(PostgresCalls db, IOptions<GroupCommitOptions> options, ILogger<PostgresAuditLog> log)
    {
        _db = db;
        Appends = new GroupCommitter<IReadOnlyList<AuditEvent>>("audit appends", WriteAsync, options.Value, log);
    }

    internal GroupCommitter<IReadOnlyList<AuditEvent>> Appends { get; }

    public async Task AppendAsync(IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0) return;
        foreach (var e in events) RequireStorable(e);
        await Appends.SubmitAsync(events, cancellationToken);
    }

    public Task<Page<AuditEvent>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.PageSize, 1);
        long? before = query.PageToken is null ? null
            : long.TryParse(query.PageToken, NumberStyles.None, CultureInfo.InvariantCulture, out var token) ? token
            : throw HiveException.Validation($"Page token '{HiveIds.Shorten(query.PageToken)}' was not issued by this audit trail.");
        // PostgreSQL cannot even compare such text: a filter holding it is a validation error, not a driver fault.
        HiveText.RequireStorable(query.Entity, "Audit entity filter");
        HiveText.RequireStorable(query.Actor, "Audit actor filter");
        return _db.ReadAsync(async (connection, token) =>
        {
            await using var command = AuditSql.QueryCommand(connection, query, before);
            await command.PrepareAsync(token);
            await using var reader = await command.ExecuteReaderAsync(token);
            var page = new List<(long Seq, AuditEvent Event)>(query.PageSize);
            while (await reader.ReadAsync(token)) page.Add(AuditSql.Row(reader));
            var next = page.Count == query.PageSize ? page[^1].Seq.ToString(CultureInfo.InvariantCulture) : null;
            return new Page<AuditEvent>(page.ConvertAll(p => p.Event), next);
        }, cancellationToken);
    }

    public Task<IReadOnlyList<AuditRecord>> OlderThanAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken = default)
    {
        if (limit <= 0) return Task.FromResult<IReadOnlyList<AuditRecord>>([]);
        return _db.ReadAsync<IReadOnlyList<AuditRecord>>(async (connection, token) =>
        {
            await using var command = AuditSql.OlderThanCommand(connection, before, limit);
            await command.PrepareAsync(token);
            await using var reader = await command.ExecuteReaderAsync(token);
            var records = new List<AuditRecord>(limit);
            while (await reader.ReadAsync(token))
            {
                var (seq, e) = AuditSql.Row(reader);
                records.Add(new AuditRecord(seq, e));
            }
            records.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
            return records;
        }, cancellationToken);
    }

    /// <summary>One short transaction per call: audit rows are never updated, so the delete holds no lock an append waits for.</summary>
    public Task RemoveAsync(IReadOnlyList<long> sequences, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        if (sequences.Count == 0) return Task.CompletedTask;
        // Deleting twice deletes nothing more: safe to retry even after an unconfirmed commit.
        return _db.WriteAsync(async (connection, transaction, token) =>
        {
            await using var command = AuditSql.RemoveCommand(connection, transaction, sequences.ToArray());
            return await command.ExecuteNonQueryAsync(token);
        }, idempotent: true, cancellationToken);
    }

    public ValueTask DisposeAsync() => Appends.DisposeAsync();

    private Task<Exception?[]?> WriteAsync(IReadOnlyList<IReadOnlyList<AuditEvent>> batch, CancellationToken cancellationToken)
    {
        var events = batch.SelectMany(e => e).ToArray();
        // Not idempotent: after an unconfirmed commit a retry could record the events twice, so it is not retried.
        return _db.WriteAsync<Exception?[]?>(async (connection, transaction, token) =>
        {
            await using var command = AuditSql.InsertCommand(connection, transaction, events);
            await command.PrepareAsync(token);
            await command.ExecuteNonQueryAsync(token);
            return null;
        }, idempotent: false, cancellationToken);
    }

    /// <summary>
    /// A <c>validation</c> error unless PostgreSQL can hold every text of the event. Checked before the event is queued:
    /// in the batch it would fail every batch-mate too.
    /// </summary>
    internal static void RequireStorable(AuditEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        HiveText.RequireStorable(e.Actor, "Audit actor");
        HiveText.RequireStorable(e.Entity, "Audit entity");
        HiveText.RequireStorable(e.Action, "Audit action");
        HiveText.RequireStorable(e.From, "Audit from-status");
        HiveText.RequireStorable(e.To, "Audit to-status");
        HiveText.RequireStorable(e.Details, "Audit details");
        HiveText.RequireStorable(e.TraceId, "Audit trace id");
    }
}
