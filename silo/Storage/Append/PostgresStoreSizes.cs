using Hive.Silo.Storage.Resilience;
using Hive.Silo.Telemetry;
using Npgsql;

namespace Hive.Silo.Storage.Append;

/// <summary>
/// The size of each Hive table from the statistics PostgreSQL keeps anyway: rows from <c>pg_class.reltuples</c> (the estimate
/// the last VACUUM or ANALYZE left; unknown until the first) and bytes with indexes and TOAST. No table is scanned.
/// </summary>
public sealed class PostgresStoreSizes(PostgresCalls db) : IStoreSizes
{
    private static readonly (string Store, string Table)[] Tables =
    [
        (StoreSize.GrainState, "hive_grain_state"),
        (StoreSize.Catalog, "hive_catalog"),
        (StoreSize.Audit, "hive_audit"),
        (StoreSize.MemoryChanges, "hive_memory_changes"),
        (StoreSize.Messages, "hive_messages"),
        (StoreSize.InboxHeads, "hive_inbox_heads"),
    ];

    // to_regclass follows the search path, as every other statement of the silo does.
    private const string Measure = """
        SELECT t.name, CASE WHEN c.reltuples < 0 THEN NULL ELSE c.reltuples::bigint END, pg_total_relation_size(c.oid)
        FROM unnest(@tables) AS t(name) JOIN pg_class AS c ON c.oid = to_regclass(t.name)
        """;

    public Task<IReadOnlyList<StoreSize>> MeasureAsync(CancellationToken cancellationToken = default) =>
        db.ReadAsync<IReadOnlyList<StoreSize>>(async (connection, token) =>
        {
            await using var command = new NpgsqlCommand(Measure, connection) { Parameters = { SqlParameters.Texts("tables", Tables.Select(t => t.Table).ToArray()) } };
            await using var reader = await command.ExecuteReaderAsync(token);
            var sizes = new List<StoreSize>(Tables.Length);
            while (await reader.ReadAsync(token))
            {
                var store = Tables.First(t => t.Table == reader.GetString(0)).Store;
                sizes.Add(new StoreSize(store, reader.IsDBNull(1) ? null : reader.GetInt64(1), reader.GetInt64(2)));
            }
            return sizes;
        }, cancellationToken);
}
