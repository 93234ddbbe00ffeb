using System.Data.Common;
using Hive.Memory;
using Npgsql;

namespace Hive.Silo.Storage.Append;

/// <summary>
/// The memory change log's statements and row mapping. A revision is taken once, by a change or by a skip row (kind -1:
/// a revision whose write failed or was given up, never returned by reads), and the primary key (channel, revision)
/// refuses any second claim.
/// </summary>
internal static class MemoryChangeSql
{
    // Inserts the changes whose revision is free and inside the retained window (older ones would be trimmed unseen).
    // Per change: whether this statement inserted it, and whether the row already there is this very change (a batch
    // retried after its commit was lost). The final SELECT sees the table as it was before the insert.
    private const string Insert = """
        WITH input AS (
            SELECT * FROM unnest(@channel, @revision, @key, @kind, @version, @value, @author, @at) WITH ORDINALITY
                AS c(channel, revision, key, kind, version, value, author, at, ord)),
        inserted AS (
            INSERT INTO hive_memory_changes (channel, revision, key, kind, version, value, author, at)
            SELECT c.channel, c.revision, c.key, c.kind, c.version, c.value, c.author, c.at FROM input c
            WHERE c.revision > (SELECT coalesce(max(m.revision), 0) FROM hive_memory_changes m WHERE m.channel = c.channel) - @retention
            ON CONFLICT DO NOTHING
            RETURNING channel, revision)
        SELECT n.revision IS NOT NULL,
               coalesce(m.key = i.key AND m.kind = i.kind AND m.version = i.version AND m.value IS NOT DISTINCT FROM i.value
                        AND m.author = i.author AND m.at = i.at, false)
        FROM input i
        LEFT JOIN inserted n ON n.channel = i.channel AND n.revision = i.revision
        LEFT JOIN hive_memory_changes m ON m.channel = i.channel AND m.revision = i.revision
        ORDER BY i.ord
        """;

    // Takes the free revisions as skips; revisions holding a change (or outside the retained window) keep what they have.
    private const string Skip = """
        INSERT INTO hive_memory_changes (channel, revision, key, kind, version, value, author, at)
        SELECT @channel, r, '', -1, 0, NULL, '', now() FROM unnest(@revisions) AS r
        WHERE r > (SELECT coalesce(max(m.revision), 0) FROM hive_memory_changes m WHERE m.channel = @channel) - @retention
        ON CONFLICT DO NOTHING
        """;

    // Turns changes this transaction inserted into skips, when the state write they belonged to was refused.
    private const string Unwrite = """
        UPDATE hive_memory_changes m SET key = '', kind = -1, version = 0, value = NULL, author = ''
        FROM unnest(@channels, @revisions) AS u(channel, revision)
        WHERE m.channel = u.channel AND m.revision = u.revision
        """;

    // Drops each channel's revisions up to its bound: one index range per channel, no scan for the latest revision.
    private const string Trim = """
        DELETE FROM hive_memory_changes m
        USING unnest(@channels, @last_dropped) AS b(channel, last_dropped)
        WHERE m.channel = b.channel AND m.revision <= b.last_dropped
        """;

    // One statement, so the bounds and the changes come from one snapshot. Skips count for the bounds only.
    private const string Read = """
        WITH bounds AS (SELECT min(revision) AS oldest, max(revision) AS latest FROM hive_memory_changes WHERE channel = @channel)
        SELECT b.oldest, b.latest, c.revision, c.key, c.kind, c.version, c.value, c.author, c.at
        FROM bounds b
        LEFT JOIN LATERAL (
            SELECT m.revision, m.key, m.kind, m.version, m.value, m.author, m.at FROM hive_memory_changes m
            WHERE m.channel = @channel AND m.revision > @after AND m.revision > b.latest - @retention AND m.kind <> -1
            ORDER BY m.revision LIMIT @max) AS c ON true
        ORDER BY c.revision
        """;

    public const string Latest = "SELECT coalesce(max(revision), 0) FROM hive_memory_changes WHERE channel = @channel";

    /// <summary>
    /// Inserts the changes in the caller's transaction and trims their channels to the newest <paramref name="retention"/>
    /// revisions. Returns, in their order, whether each is stored: inserted now, or found already there exactly as given.
    /// A change refused (revision taken) is not stored; the caller fails its write.
    /// </summary>
    public static async Task<(bool Inserted, bool Stored)[]> InsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyList<MemoryLogEntry> entries, int retention, CancellationToken cancellationToken)
    {
        var results = new (bool, bool)[entries.Count];
        await using (var insert = new NpgsqlCommand(Insert, connection, transaction)
        {
            Parameters =
            {
                SqlParameters.Texts("channel", entries.Select(e => e.Channel).ToArray()),
                SqlParameters.Longs("revision", entries.Select(e => e.Change.Revision).ToArray()),
                SqlParameters.Texts("key", entries.Select(e => e.Change.Key).ToArray()),
                SqlParameters.Shorts("kind", entries.Select(e => (short)e.Change.Kind).ToArray()),
                SqlParameters.Longs("version", entries.Select(e => e.Change.Version).ToArray()),
                SqlParameters.NullableTexts("value", entries.Select(e => e.Change.Value).ToArray()),
                SqlParameters.Texts("author", entries.Select(e => e.Change.Author).ToArray()),
                SqlParameters.Times("at", entries.Select(e => e.Change.At)),
                SqlParameters.Long("retention", retention),
            },
        })
        {
            await insert.PrepareAsync(cancellationToken);
            await using var reader = await insert.ExecuteReaderAsync(cancellationToken);
            for (var i = 0; await reader.ReadAsync(cancellationToken); i++)
            {
                var inserted = reader.GetBoolean(0);
                results[i] = (inserted, inserted || reader.GetBoolean(1));
            }
        }
        await TrimAsync(connection, transaction, entries.Where((_, i) => results[i].Item1), retention, cancellationToken);
        return results;
    }

    /// <summary>Takes the free ones of <paramref name="revisions"/> as skips, in the caller's transaction.</summary>
    public static async Task SkipAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string channel, IReadOnlyList<long> revisions,
        int retention, CancellationToken cancellationToken)
    {
        await using var skip = new NpgsqlCommand(Skip, connection, transaction)
        {
            Parameters =
            {
                SqlParameters.Text("channel", channel),
                SqlParameters.Longs("revisions", revisions.ToArray()),
                SqlParameters.Long("retention", retention),
            },
        };
        await skip.PrepareAsync(cancellationToken);
        await skip.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Makes changes inserted earlier in the transaction skips, because their state writes did not happen.</summary>
    public static async Task UnwriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyCollection<MemoryLogEntry> entries,
        CancellationToken cancellationToken)
    {
        if (entries.Count == 0) return;
        await using var unwrite = new NpgsqlCommand(Unwrite, connection, transaction)
        {
            Parameters =
            {
                SqlParameters.Texts("channels", entries.Select(e => e.Channel).ToArray()),
                SqlParameters.Longs("revisions", entries.Select(e => e.Change.Revision).ToArray()),
            },
        };
        await unwrite.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Keeps the newest <paramref name="retention"/> revisions of each channel the inserts reach. The bound comes from
    /// the inserted revisions themselves, so it can only trim less than the channel's real latest allows, never more.
    /// </summary>
    private static async Task TrimAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IEnumerable<MemoryLogEntry> inserted,
        int retention, CancellationToken cancellationToken)
    {
        var bounds = inserted.GroupBy(e => e.Channel, StringComparer.Ordinal)
            .Select(g => (Channel: g.Key, LastDropped: g.Max(e => e.Change.Revision) - retention))
            .Where(b => b.LastDropped > 0)
            .ToArray();
        if (bounds.Length == 0) return;
        await using var trim = new NpgsqlCommand(Trim, connection, transaction)
        {
            Parameters =
            {
                SqlParameters.Texts("channels", bounds.Select(b => b.Channel).ToArray()),
                SqlParameters.Longs("last_dropped", bounds.Select(b => b.LastDropped).ToArray()),
            },
        };
        await trim.PrepareAsync(cancellationToken);
        await trim.ExecuteNonQueryAsync(cancellationToken);
    }

    public static NpgsqlCommand ReadCommand(NpgsqlConnection connection, string channel, long afterRevision, int max, int retention) => new(Read, connection)
    {
        Parameters =
        {
            SqlParameters.Text("channel", channel),
            SqlParameters.Long("after", afterRevision),
            SqlParameters.Int("max", max),
            SqlParameters.Long("retention", retention),
        },
    };

    /// <summary>Reads the bounds row (always one) and the changes; the log promises only the newest retention revisions.</summary>
    public static async Task<MemoryLogRead> ReadAsync(DbDataReader r, int retention, CancellationToken cancellationToken)
    {
        var changes = new List<MemoryChange>();
        long? oldest = null, latest = null;
        while (await r.ReadAsync(cancellationToken))
        {
            if (r.IsDBNull(1)) return new MemoryLogRead([], 1, 0);
            oldest = r.GetInt64(0);
            latest = r.GetInt64(1);
            if (r.IsDBNull(2)) continue;
            changes.Add(new MemoryChange(r.GetInt64(2), r.GetString(3), (MemoryChangeKind)r.GetInt16(4), r.GetInt64(5),
                r.IsDBNull(6) ? null : r.GetString(6), r.GetString(7), r.GetFieldValue<DateTimeOffset>(8)));
        }
        return latest is { } last ? new MemoryLogRead(changes, Math.Max(last - retention + 1, oldest!.Value), last) : new MemoryLogRead([], 1, 0);
    }
}
