using System.Data.Common;
using System.Text;
using Hive.Audit;
using Npgsql;

namespace Hive.Silo.Storage.Append;

/// <summary>The audit trail's statements and row mapping.</summary>
internal static class AuditSql
{
    // ORDER BY the input position: sequence numbers follow the order the callers' events were queued in.
    private const string Insert = """
        INSERT INTO hive_audit (at, actor, entity, action, from_status, to_status, details, trace_id, principal)
        SELECT e.at, e.actor, e.entity, e.action, e.from_status, e.to_status, e.details, e.trace_id, e.principal
        FROM unnest(@at, @actor, @entity, @action, @from_status, @to_status, @details, @trace_id, @principal)
             WITH ORDINALITY AS e(at, actor, entity, action, from_status, to_status, details, trace_id, principal, n)
        ORDER BY e.n
        """;

    // No ORDER BY: any events older than the cutoff will do, so the planner may answer from the BRIN index on "at" (or stop a
    // sequential scan at the limit) instead of walking the whole primary key when few or none are old enough.
    private const string OlderThan = """
        SELECT seq, at, actor, entity, action, from_status, to_status, details, trace_id, principal FROM hive_audit
        WHERE at < @before LIMIT @limit
        """;

    public static NpgsqlCommand OlderThanCommand(NpgsqlConnection connection, DateTimeOffset before, int limit) => new(OlderThan, connection)
    {
        Parameters = { SqlParameters.Time("before", before), SqlParameters.Int("limit", limit) },
    };

    public static NpgsqlCommand RemoveCommand(NpgsqlConnection connection, NpgsqlTransaction transaction, long[] sequences) =>
        new("DELETE FROM hive_audit WHERE seq = ANY(@seq)", connection, transaction) { Parameters = { SqlParameters.Longs("seq", sequences) } };

    public static NpgsqlCommand InsertCommand(NpgsqlConnection connection, NpgsqlTransaction transaction, AuditEvent[] events) => new(Insert, connection, transaction)
    {
        Parameters =
        {
            SqlParameters.Times("at", events.Select(e => e.At)),
            SqlParameters.Texts("actor", events.Select(e => e.Actor).ToArray()),
            SqlParameters.Texts("entity", events.Select(e => e.Entity).ToArray()),
            SqlParameters.Texts("action", events.Select(e => e.Action).ToArray()),
            SqlParameters.NullableTexts("from_status", events.Select(e => e.From).ToArray()),
            SqlParameters.NullableTexts("to_status", events.Select(e => e.To).ToArray()),
            SqlParameters.NullableTexts("details", events.Select(e => e.Details).ToArray()),
            SqlParameters.NullableTexts("trace_id", events.Select(e => e.TraceId).ToArray()),
            SqlParameters.NullableTexts("principal", events.Select(e => e.Principal).ToArray()),
        },
    };

    /// <summary>Newest first, before the page token's sequence; only the filters the query sets become conditions.</summary>
    public static NpgsqlCommand QueryCommand(NpgsqlConnection connection, AuditQuery query, long? before)
    {
        var command = new NpgsqlCommand { Connection = connection };
        var sql = new StringBuilder("SELECT seq, at, actor, entity, action, from_status, to_status, details, trace_id, principal FROM hive_audit WHERE true");
        if (before is { } seq)
        {
            sql.Append(" AND seq < @before");
            command.Parameters.Add(SqlParameters.Long("before", seq));
        }
        if (query.Entity is { } entity)
        {
            sql.Append(" AND entity = @entity");
            command.Parameters.Add(SqlParameters.Text("entity", entity));
        }
        if (query.Actor is { } actor)
        {
            sql.Append(" AND actor = @actor");
            command.Parameters.Add(SqlParameters.Text("actor", actor));
        }
        if (query.Since is { } since)
        {
            sql.Append(" AND at >= @since");
            command.Parameters.Add(SqlParameters.Time("since", since));
        }
        if (query.Until is { } until)
        {
            sql.Append(" AND at <= @until");
            command.Parameters.Add(SqlParameters.Time("until", until));
        }
        sql.Append(" ORDER BY seq DESC LIMIT @limit");
        command.Parameters.Add(SqlParameters.Int("limit", query.PageSize));
        command.CommandText = sql.ToString();
        return command;
    }

    public static (long Seq, AuditEvent Event) Row(DbDataReader r) => (r.GetInt64(0), new AuditEvent(
        r.GetFieldValue<DateTimeOffset>(1),
        r.GetString(2),
        r.GetString(3),
        r.GetString(4),
        r.IsDBNull(5) ? null : r.GetString(5),
        r.IsDBNull(6) ? null : r.GetString(6),
        r.IsDBNull(7) ? null : r.GetString(7),
        r.IsDBNull(8) ? null : r.GetString(8),
        r.IsDBNull(9) ? null : r.GetString(9)));
}
