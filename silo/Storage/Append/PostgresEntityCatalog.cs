using Hive.Silo.Storage.GroupCommit;
using Hive.Silo.Storage.Resilience;

namespace Hive.Silo.Storage.Append;

/// <summary>
/// The catalog in PostgreSQL (<c>hive_catalog</c>). Upserts that arrive together are written as one statement in one
/// transaction; a row changes only when the incoming version is newer, so a late or repeated write never rolls a
/// listing back. Timestamps are kept to the microsecond, PostgreSQL's precision.
/// </summary>
public sealed class PostgresEntityCatalog : IEntityCatalog, IAsyncDisposable
{
    private readonly PostgresCalls _db;

    public PostgresEntityCatalog(PostgresCalls db, IOptions<GroupCommitOptions> options, ILogger<PostgresEntityCatalog> log)
    {
        _db = db;
        Upserts = new GroupCommitter<IReadOnlyList<CatalogEntry>>("catalog upserts", WriteAsync, options.Value, log);
    }

    internal GroupCommitter<IReadOnlyList<CatalogEntry>> Upserts { get; }

    public async Task UpsertAsync(IReadOnlyList<CatalogEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0) return;
        foreach (var entry in entries) RequireStorable(entry);
        await Upserts.SubmitAsync(entries, cancellationToken);
    }

    public Task<IReadOnlyList<CatalogEntry>> QueryAsync(CatalogQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.PageSize <= 0) return Task.FromResult<IReadOnlyList<CatalogEntry>>([]);
        RequireStorable(query);
        return _db.ReadAsync(async (connection, token) =>
        {
            await using var command = CatalogSql.QueryCommand(connection, query);
            return await CatalogSql.ReadAsync(command, token);
        }, cancellationToken);
    }

    public Task<IReadOnlyList<CatalogEntry>> DueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        if (limit <= 0) return Task.FromResult<IReadOnlyList<CatalogEntry>>([]);
        return _db.ReadAsync(async (connection, token) =>
        {
            await using var command = CatalogSql.DueCommand(connection, now, limit);
            return await CatalogSql.ReadAsync(command, token);
        }, cancellationToken);
    }

    public Task<IReadOnlyList<CatalogEntry>> HostedOnAsync(IReadOnlyCollection<string> hosts, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        if (limit <= 0 || hosts.Count == 0) return Task.FromResult<IReadOnlyList<CatalogEntry>>([]);
        return _db.ReadAsync(async (connection, token) =>
        {
            await using var command = CatalogSql.HostedOnCommand(connection, hosts, limit);
            return await CatalogSql.ReadAsync(command, token);
        }, cancellationToken);
    }

    public Task<IReadOnlyList<CatalogEntry>> FinishedBeforeAsync(EntityKind kind, IReadOnlyCollection<string> statuses, DateTimeOffset updatedBefore,
        string? afterId, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        if (limit <= 0 || statuses.Count == 0) return Task.FromResult<IReadOnlyList<CatalogEntry>>([]);
        return _db.ReadAsync(async (connection, token) =>
        {
            await using var command = CatalogSql.FinishedBeforeCommand(connection, kind, statuses, updatedBefore, afterId, limit);
            return await CatalogSql.ReadAsync(command, token);
        }, cancellationToken);
    }

    public Task RemoveAsync(IReadOnlyList<CatalogKey> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0) return Task.CompletedTask;
        // Deleting twice deletes nothing more: safe to retry even after an unconfirmed commit.
        return _db.WriteAsync(async (connection, transaction, token) =>
        {
            await using var command = CatalogSql.RemoveCommand(connection, transaction, keys);
            return await command.ExecuteNonQueryAsync(token);
        }, idempotent: true, cancellationToken);
    }

    public Task<IReadOnlyDictionary<string, long>> CountByStatusAsync(EntityKind kind, CancellationToken cancellationToken = default) =>
        _db.ReadAsync<IReadOnlyDictionary<string, long>>(async (connection, token) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT status, count(*) FROM hive_catalog WHERE kind = @kind GROUP BY status";
            command.Parameters.AddWithValue("kind", (short)kind);
            await using var reader = await command.ExecuteReaderAsync(token);
            var counts = new Dictionary<string, long>(StringComparer.Ordinal);
            while (await reader.ReadAsync(token)) counts[reader.GetString(0)] = reader.GetInt64(1);
            return counts;
        }, cancellationToken);

    public ValueTask DisposeAsync() => Upserts.DisposeAsync();

    private Task<Exception?[]?> WriteAsync(IReadOnlyList<IReadOnlyList<CatalogEntry>> batch, CancellationToken cancellationToken)
    {
        var rows = CatalogSql.Newest(batch.SelectMany(entries => entries));
        // Upserts only move rows forward, so writing one twice changes nothing: safe to retry even after an unconfirmed commit.
        return _db.WriteAsync<Exception?[]?>(async (connection, transaction, token) =>
        {
            await using var command = CatalogSql.UpsertCommand(connection, transaction, rows);
            await command.PrepareAsync(token);
            await command.ExecuteNonQueryAsync(token);
            return null;
        }, idempotent: true, cancellationToken);
    }

    /// <summary>
    /// A <c>validation</c> error unless PostgreSQL can hold every text of the row. Checked before the row is queued: in
    /// the batch it would fail every batch-mate too.
    /// </summary>
    internal static void RequireStorable(CatalogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        HiveText.RequireStorable(entry.Id, "Catalog id");
        HiveText.RequireStorable(entry.Status, "Catalog status");
        HiveText.RequireStorable(entry.Title, "Catalog title");
        HiveText.RequireStorable(entry.Type, "Catalog type");
        HiveText.RequireStorable(entry.Owner, "Catalog owner");
        HiveText.RequireStorable(entry.Scope, "Catalog scope");
        HiveText.RequireStorable(entry.Host, "Catalog host");
        foreach (var tag in entry.Tags) HiveText.RequireStorable(tag, "Catalog tag");
    }

    /// <summary>A filter PostgreSQL cannot even compare (NUL, broken UTF-16) is a <c>validation</c> error, not a driver fault.</summary>
    private static void RequireStorable(CatalogQuery query)
    {
        HiveText.RequireStorable(query.Status, "Catalog status filter");
        HiveText.RequireStorable(query.Tag, "Catalog tag filter");
        HiveText.RequireStorable(query.Type, "Catalog type filter");
        HiveText.RequireStorable(query.Owner, "Catalog owner filter");
        HiveText.RequireStorable(query.Scope, "Catalog scope filter");
        HiveText.RequireStorable(query.AfterId, "Page token");
    }
}
