using Npgsql;

namespace Hive.Silo.Storage.Append;

/// <summary>
/// Transaction-scoped advisory locks on the keys a batch appends to (inboxes). Holding them, the
/// batch's next statements see every append that committed before it and none can slip in until it commits, so the
/// "does this continue the latest?" check is exact and a loser is refused alone instead of failing its batch on a
/// duplicate key. Taken in hash order in one statement, so two batches never wait on each other in a cycle.
/// </summary>
internal static class AdvisoryLocks
{
    /// <summary>The first key of the two-key lock space, one per table, so Hive's locks stay apart from anyone else's.</summary>
    public const int Inboxes = 0x48564D53; // "HVMS"

    private const string Lock = """
        SELECT pg_advisory_xact_lock(@space, k.h)
        FROM (SELECT DISTINCT hashtext(key) AS h FROM unnest(@keys) AS key ORDER BY 1) AS k
        """;

    public static NpgsqlBatchCommand Command(int space, IEnumerable<string> keys) => new(Lock)
    {
        Parameters =
        {
            SqlParameters.Int("space", space),
            SqlParameters.Texts("keys", keys.Distinct(StringComparer.Ordinal).ToArray()),
        },
    };
}
