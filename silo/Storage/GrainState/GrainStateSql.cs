using Hive.Silo.Storage.Append;
using Npgsql;
using NpgsqlTypes;

namespace Hive.Silo.Storage.GrainState;

/// <summary>
/// The grain-state statements on <c>hive_grain_state</c> (0001_grain_state.sql). Rows are keyed by the grain's key
/// string with both integer columns 0 — the row Orleans' ADO.NET provider uses for the same kind-prefixed key.
/// </summary>
internal static class GrainStateSql
{
    private const string Read = """
        SELECT payload, version FROM hive_grain_state
        WHERE service_id = @service_id AND state_name = @state_name AND key_string = @key AND key_n0 = 0 AND key_n1 = 0
        """;

    // One statement for a whole batch. A row with no expected version is inserted at version 1 unless it exists; any
    // other row moves on by one only while it still holds the expected version. The last join recognises a write that
    // already landed (the next version holds exactly this payload in the statement's snapshot): a batch retried after its
    // commit was lost then confirms its writes instead of calling them conflicts. A stale write whose bytes happen to
    // equal the stored next version is confirmed too, which changes nothing. Clears (NULL payload) are never matched
    // that way: an empty row tells no clear from another. Anything else that matched nothing is a conflict (NULL).
    private const string Write = """
        WITH input AS (
            SELECT * FROM unnest(@state_names, @keys, @payloads, @expected) WITH ORDINALITY
                AS i(state_name, key_string, payload, expected, ord)),
        inserted AS (
            INSERT INTO hive_grain_state (service_id, state_name, key_n0, key_n1, key_string, payload, version)
            SELECT @service_id, state_name, 0, 0, key_string, payload, 1 FROM input WHERE expected IS NULL
            ON CONFLICT DO NOTHING
            RETURNING state_name, key_string, version),
        updated AS (
            UPDATE hive_grain_state AS g SET payload = i.payload, version = g.version + 1, modified_at = now()
            FROM input AS i
            WHERE g.service_id = @service_id AND g.state_name = i.state_name AND g.key_string = i.key_string
              AND g.key_n0 = 0 AND g.key_n1 = 0 AND g.version = i.expected
            RETURNING g.state_name, g.key_string, g.version)
        SELECT COALESCE(n.version, u.version, s.version), n.version IS NULL AND u.version IS NULL
        FROM input AS i
        LEFT JOIN inserted AS n ON n.state_name = i.state_name AND n.key_string = i.key_string
        LEFT JOIN updated AS u ON u.state_name = i.state_name AND u.key_string = i.key_string
        LEFT JOIN hive_grain_state AS s ON s.service_id = @service_id AND s.state_name = i.state_name
            AND s.key_string = i.key_string AND s.key_n0 = 0 AND s.key_n1 = 0
            AND s.version = COALESCE(i.expected, 0) + 1 AND s.payload = i.payload
        ORDER BY i.ord
        """;

    // Deletes each row that still holds its expected version. A row already gone counts as removed and replayed: a batch
    // retried after its commit was lost finds its own removal done (a stale activation's purge of a row another purge
    // removed changes nothing either). A row holding another version is a conflict (false). The join reads the
    // statement's snapshot, where a row this statement deleted is still visible.
    private const string Remove = """
        WITH input AS (
            SELECT * FROM unnest(@state_names, @keys, @expected) WITH ORDINALITY AS i(state_name, key_string, expected, ord)),
        removed AS (
            DELETE FROM hive_grain_state AS g USING input AS i
            WHERE g.service_id = @service_id AND g.state_name = i.state_name AND g.key_string = i.key_string
              AND g.key_n0 = 0 AND g.key_n1 = 0 AND g.version = i.expected
            RETURNING g.state_name, g.key_string)
        SELECT r.state_name IS NOT NULL OR s.version IS NULL, r.state_name IS NULL AND s.version IS NULL
        FROM input AS i
        LEFT JOIN removed AS r ON r.state_name = i.state_name AND r.key_string = i.key_string
        LEFT JOIN hive_grain_state AS s ON s.service_id = @service_id AND s.state_name = i.state_name
            AND s.key_string = i.key_string AND s.key_n0 = 0 AND s.key_n1 = 0
        ORDER BY i.ord
        """;

    public static async Task<(byte[]? Payload, int Version)?> ReadAsync(
        NpgsqlConnection connection, string serviceId, string stateName, string key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Read, connection)
        {
            Parameters =
            {
                SqlParameters.Text("service_id", serviceId),
                SqlParameters.Text("state_name", stateName),
                SqlParameters.Text("key", key),
            },
        };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        return (reader.IsDBNull(0) ? null : (byte[])reader[0], reader.GetInt32(1));
    }

    /// <summary>
    /// Writes <paramref name="writes"/> (no key twice) and returns, in their order, each one's new version, or null
    /// where the stored version was not the expected one; <c>Replayed</c> where the write had landed before (with
    /// everything its transaction held).
    /// </summary>
    public static async Task<(int? Version, bool Replayed)[]> WriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string serviceId,
        IReadOnlyList<StateWrite> writes, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Write, connection, transaction)
        {
            Parameters =
            {
                SqlParameters.Text("service_id", serviceId),
                SqlParameters.Texts("state_names", writes.Select(w => w.StateName).ToArray()),
                SqlParameters.Texts("keys", writes.Select(w => w.Key).ToArray()),
                SqlParameters.Of("payloads", writes.Select(w => w.Payload).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Bytea),
                SqlParameters.Of("expected", writes.Select(w => w.ExpectedVersion).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Integer),
            },
        };
        await command.PrepareAsync(cancellationToken);
        var results = new (int?, bool)[writes.Count];
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        for (var i = 0; await reader.ReadAsync(cancellationToken); i++)
            results[i] = reader.IsDBNull(0) ? (null, false) : (reader.GetInt32(0), reader.GetBoolean(1));
        return results;
    }

    /// <summary>
    /// Removes the rows of <paramref name="removals"/> (no key twice) and returns, in their order, whether each is gone
    /// (false where the stored version was not the expected one) and whether it was gone before this statement.
    /// </summary>
    public static async Task<(bool Removed, bool Replayed)[]> RemoveAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string serviceId,
        IReadOnlyList<StateWrite> removals, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Remove, connection, transaction)
        {
            Parameters =
            {
                SqlParameters.Text("service_id", serviceId),
                SqlParameters.Texts("state_names", removals.Select(w => w.StateName).ToArray()),
                SqlParameters.Texts("keys", removals.Select(w => w.Key).ToArray()),
                SqlParameters.Ints("expected", removals.Select(w => w.ExpectedVersion!.Value).ToArray()),
            },
        };
        await command.PrepareAsync(cancellationToken);
        var results = new (bool, bool)[removals.Count];
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        for (var i = 0; await reader.ReadAsync(cancellationToken); i++) results[i] = (reader.GetBoolean(0), reader.GetBoolean(1));
        return results;
    }

    /// <summary>
    /// Splits a batch into rounds with no key twice (one statement may change a row only once), each sorted by key
    /// so concurrent batches lock rows in one order. Almost always one round: a grain waits for its write.
    /// </summary>
    public static List<List<StateWrite>> Rounds(IReadOnlyList<StateWrite> batch)
    {
        var rounds = new List<(HashSet<(string, string)> Keys, List<StateWrite> Writes)>();
        foreach (var write in batch)
        {
            var key = (write.StateName, write.Key);
            var round = rounds.FirstOrDefault(r => !r.Keys.Contains(key));
            if (round.Writes is null)
            {
                round = ([], []);
                rounds.Add(round);
            }
            round.Keys.Add(key);
            round.Writes.Add(write);
        }
        return rounds.ConvertAll(r =>
        {
            r.Writes.Sort((a, b) => (string.CompareOrdinal(a.StateName, b.StateName), string.CompareOrdinal(a.Key, b.Key)) switch
            {
                (0, var byKey) => byKey,
                (var byName, _) => byName,
            });
            return r.Writes;
        });
    }
}
