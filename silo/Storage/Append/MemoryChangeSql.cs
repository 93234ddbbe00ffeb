using System.Data.Common;
using Hive.Memory;
using Npgsql;

namespace Hive.Silo.Storage.Append;

/// <summary>The memory change log's statements and row mapping.</summary>
internal static class MemoryChangeSql
{
    // Inserts all of one caller's changes, or none when the channel's latest is not the one they continue.
    private const string Append = """
        INSERT INTO hive_memory_changes (channel, revision, key, kind, version, value, author, at)
        SELECT @channel, c.revision, c.key, c.kind, c.version, c.value, c.author, c.at
        FROM unnest(@revision, @key, @kind, @version, @value, @author, @at) AS c(revision, key, kind, version, value, author, at)
        WHERE (SELECT coalesce(max(m.revision), 0) FROM hive_memory_changes m WHERE m.channel = @channel) = @previous
        """;

    // Drops each channel's revisions up to its bound: one index range per channel, no scan for the latest revision.
    private const string Trim = """
        DELETE FROM hive_memory_changes m
        USING unnest(@channels, @last_dropped) AS b(channel, last_dropped)
        WHERE m.channel = b.channel AND m.revision <= b.last_dropped
        """;

    // One statement, so the bounds and the changes come from one snapshot.
    private const string Read = """
        WITH bounds AS (SELECT min(revision) AS oldest, max(revision) AS latest FROM hive_memory_changes WHERE channel = @channel)
        SELECT b.oldest, b.latest, c.revision, c.key, c.kind, c.version, c.value, c.author, c.at
        FROM bounds b
        LEFT JOIN LATERAL (
            SELECT m.revision, m.key, m.kind, m.version, m.value, m.author, m.at FROM hive_memory_changes m
            WHERE m.channel = @channel AND m.revision > @after AND m.revision > b.latest - @retention
            ORDER BY m.revision LIMIT @max) AS c ON true
        ORDER BY c.revision
        """;

    public const string Latest = "SELECT coalesce(max(revision), 0) FROM hive_memory_changes WHERE channel = @channel";

    public static NpgsqlBatchCommand AppendCommand(string channel, IReadOnlyList<MemoryChange> changes) => new(Append)
    {
        Parameters =
        {
            SqlParameters.Text("channel", channel),
            SqlParameters.Long("previous", changes[0].Revision - 1),
            SqlParameters.Longs("revision", changes.Select(c => c.Revision).ToArray()),
            SqlParameters.Texts("key", changes.Select(c => c.Key).ToArray()),
            SqlParameters.Shorts("kind", changes.Select(c => (short)c.Kind).ToArray()),
            SqlParameters.Longs("version", changes.Select(c => c.Version).ToArray()),
            SqlParameters.NullableTexts("value", changes.Select(c => c.Value).ToArray()),
            SqlParameters.Texts("author", changes.Select(c => c.Author).ToArray()),
            SqlParameters.Times("at", changes.Select(c => c.At)),
        },
    };

    /// <summary>
    /// Keeps the newest <paramref name="retention"/> revisions of each channel the appends reach; null while no channel
    /// has more. The bound comes from the appended revisions themselves: a refused (stale) append's bound is lower than
    /// the channel's real one, so it can only trim less, never drop a revision the log still promises.
    /// </summary>
    public static NpgsqlBatchCommand? TrimCommand(IEnumerable<(string Channel, long LastRevision)> appends, int retention)
    {
        var bounds = appends.GroupBy(a => a.Channel, StringComparer.Ordinal)
            .Select(g => (Channel: g.Key, LastDropped: g.Max(a => a.LastRevision) - retention))
            .Where(b => b.LastDropped > 0)
            .ToArray();
        if (bounds.Length == 0) return null;
        return new NpgsqlBatchCommand(Trim)
        {
            Parameters =
            {
                SqlParameters.Texts("channels", bounds.Select(b => b.Channel).ToArray()),
                SqlParameters.Longs("last_dropped", bounds.Select(b => b.LastDropped).ToArray()),
            },
        };
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
