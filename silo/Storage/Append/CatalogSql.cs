using System.Data.Common;
using System.Text;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace Hive.Silo.Storage.Append;

/// <summary>The catalog's statements and row mapping.</summary>
internal static class CatalogSql
{
    private const string Columns = "kind, id, version, status, title, type, owner, tags, scope, priority, created_at, updated_at, wake_at, host";

    // One statement for the whole batch. Tags travel as one JSON array per row because unnest cannot carry a
    // ragged array of arrays. The WHERE makes a row replaceable only by a newer version, whoever writes first.
    private const string Upsert = $"""
        INSERT INTO hive_catalog AS c ({Columns})
        SELECT r.kind, r.id, r.version, r.status, r.title, r.type, r.owner,
               ARRAY(SELECT t.tag FROM jsonb_array_elements_text(r.tags) WITH ORDINALITY AS t(tag, n) ORDER BY t.n),
               r.scope, r.priority, r.created_at, r.updated_at, r.wake_at, r.host
        FROM unnest(@kind, @id, @version, @status, @title, @type, @owner, @tags, @scope, @priority, @created_at, @updated_at, @wake_at, @host)
             AS r(kind, id, version, status, title, type, owner, tags, scope, priority, created_at, updated_at, wake_at, host)
        ON CONFLICT (kind, id) DO UPDATE SET
            version = EXCLUDED.version, status = EXCLUDED.status, title = EXCLUDED.title, type = EXCLUDED.type,
            owner = EXCLUDED.owner, tags = EXCLUDED.tags, scope = EXCLUDED.scope, priority = EXCLUDED.priority,
            created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at, wake_at = EXCLUDED.wake_at,
            host = EXCLUDED.host
        WHERE c.version < EXCLUDED.version
        """;

    /// <summary>
    /// One row per (kind, id): the highest version, the earliest of equal ones (as writing them in order would keep),
    /// because one statement may not update a row twice. Sorted by key, so concurrent batches lock rows in one order.
    /// </summary>
    public static CatalogEntry[] Newest(IEnumerable<CatalogEntry> entries)
    {
        var newest = new Dictionary<(EntityKind, string), CatalogEntry>();
        foreach (var entry in entries)
        {
            var key = (entry.Kind, entry.Id);
            if (!newest.TryGetValue(key, out var kept) || kept.Version < entry.Version) newest[key] = entry;
        }
        return newest.Values.OrderBy(e => e.Kind).ThenBy(e => e.Id, StringComparer.Ordinal).ToArray();
    }

    public static NpgsqlCommand UpsertCommand(NpgsqlConnection connection, NpgsqlTransaction transaction, CatalogEntry[] rows) => new(Upsert, connection, transaction)
    {
        Parameters =
        {
            SqlParameters.Shorts("kind", rows.Select(r => (short)r.Kind).ToArray()),
            SqlParameters.Texts("id", rows.Select(r => r.Id).ToArray()),
            SqlParameters.Longs("version", rows.Select(r => r.Version).ToArray()),
            SqlParameters.Texts("status", rows.Select(r => r.Status).ToArray()),
            SqlParameters.Texts("title", rows.Select(r => r.Title).ToArray()),
            SqlParameters.NullableTexts("type", rows.Select(r => r.Type).ToArray()),
            SqlParameters.NullableTexts("owner", rows.Select(r => r.Owner).ToArray()),
            SqlParameters.Of("tags", rows.Select(r => JsonSerializer.Serialize(r.Tags)).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Jsonb),
            SqlParameters.NullableTexts("scope", rows.Select(r => r.Scope).ToArray()),
            SqlParameters.Ints("priority", rows.Select(r => r.Priority).ToArray()),
            SqlParameters.Times("created_at", rows.Select(r => r.CreatedAt)),
            SqlParameters.Times("updated_at", rows.Select(r => r.UpdatedAt)),
            SqlParameters.NullableTimes("wake_at", rows.Select(r => r.WakeAt)),
            SqlParameters.NullableTexts("host", rows.Select(r => r.Host).ToArray()),
        },
    };

    /// <summary>Only the filters the query sets become conditions, so each shape gets a plan that uses its index.</summary>
    public static NpgsqlCommand QueryCommand(NpgsqlConnection connection, CatalogQuery query)
    {
        var command = new NpgsqlCommand { Connection = connection };
        var sql = new StringBuilder($"SELECT {Columns} FROM hive_catalog WHERE kind = @kind");
        command.Parameters.Add(SqlParameters.Of("kind", (short)query.Kind, NpgsqlDbType.Smallint));
        Filter(command, sql, "status = @status", "status", query.Status);
        Filter(command, sql, "tags @> ARRAY[@tag]", "tag", query.Tag);
        Filter(command, sql, "type = @type", "type", query.Type);
        Filter(command, sql, "owner = @owner", "owner", query.Owner);
        Filter(command, sql, "scope = @scope", "scope", query.Scope);
        Filter(command, sql, "id > @after", "after", query.AfterId);
        sql.Append(" ORDER BY id LIMIT @limit");
        command.Parameters.Add(SqlParameters.Int("limit", query.PageSize));
        command.CommandText = sql.ToString();
        return command;
    }

    public static NpgsqlCommand DueCommand(NpgsqlConnection connection, DateTimeOffset now, int limit) =>
        new($"SELECT {Columns} FROM hive_catalog WHERE wake_at <= @now ORDER BY wake_at LIMIT @limit", connection)
        {
            Parameters = { SqlParameters.Time("now", now), SqlParameters.Int("limit", limit) },
        };

    // Uses the (kind, status, id) index: finished rows of one kind, in page order, filtered by age. Finished rows older
    // than the retention are purged, so those it walks past are the ones finished within the retention period.
    public static NpgsqlCommand FinishedBeforeCommand(NpgsqlConnection connection, EntityKind kind, IReadOnlyCollection<string> statuses,
        DateTimeOffset updatedBefore, string? afterId, int limit) =>
        new($"""
            SELECT {Columns} FROM hive_catalog
            WHERE kind = @kind AND status = ANY(@statuses) AND updated_at < @before AND id > @after
            ORDER BY id LIMIT @limit
            """, connection)
        {
            Parameters =
            {
                SqlParameters.Of("kind", (short)kind, NpgsqlDbType.Smallint),
                SqlParameters.Texts("statuses", statuses.ToArray()),
                SqlParameters.Time("before", updatedBefore),
                // '' sorts before every id under the "C" collation, so no cursor and the first page are one statement.
                SqlParameters.Text("after", afterId ?? ""),
                SqlParameters.Int("limit", limit),
            },
        };

    public static NpgsqlCommand RemoveCommand(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<CatalogKey> keys) =>
        new("DELETE FROM hive_catalog WHERE (kind, id) IN (SELECT * FROM unnest(@kind, @id))", connection, transaction)
        {
            Parameters =
            {
                SqlParameters.Shorts("kind", keys.Select(k => (short)k.Kind).ToArray()),
                SqlParameters.Texts("id", keys.Select(k => k.Id).ToArray()),
            },
        };

    public static NpgsqlCommand HostedOnCommand(NpgsqlConnection connection, IReadOnlyCollection<string> hosts, int limit) =>
        new($"SELECT {Columns} FROM hive_catalog WHERE host = ANY(@hosts) LIMIT @limit", connection)
        {
            Parameters = { SqlParameters.Texts("hosts", hosts.ToArray()), SqlParameters.Int("limit", limit) },
        };

    public static async Task<IReadOnlyList<CatalogEntry>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await command.PrepareAsync(cancellationToken);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<CatalogEntry>();
        while (await reader.ReadAsync(cancellationToken)) rows.Add(Row(reader));
        return rows;
    }

    private static void Filter(NpgsqlCommand command, StringBuilder sql, string condition, string name, string? value)
    {
        if (value is null) return;
        sql.Append(" AND ").Append(condition);
        command.Parameters.Add(SqlParameters.Text(name, value));
    }

    private static CatalogEntry Row(DbDataReader r) => new(
        (EntityKind)r.GetInt16(0),
        r.GetString(1),
        r.GetInt64(2),
        r.GetString(3),
        r.GetString(4),
        r.IsDBNull(5) ? null : r.GetString(5),
        r.IsDBNull(6) ? null : r.GetString(6),
        r.GetFieldValue<string[]>(7),
        r.IsDBNull(8) ? null : r.GetString(8),
        r.GetInt32(9),
        r.GetFieldValue<DateTimeOffset>(10),
        r.GetFieldValue<DateTimeOffset>(11),
        r.IsDBNull(12) ? null : r.GetFieldValue<DateTimeOffset>(12),
        r.IsDBNull(13) ? null : r.GetString(13));
}
