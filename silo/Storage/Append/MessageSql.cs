using System.Data.Common;
using Hive.Messaging;
using Npgsql;

namespace Hive.Silo.Storage.Append;

/// <summary>The message store's statements and row mapping.</summary>
internal static class MessageSql
{
    // Stores all of one caller's messages and raises their inboxes' heads, or does neither when any message is not
    // above its inbox's head (the highest sequence ever stored there).
    private const string Append = """
        WITH arriving AS (
            SELECT * FROM unnest(@agent_id, @sequence, @sender, @kind, @subject, @body, @correlation_id, @sent_at)
                 AS m(agent_id, sequence, sender, kind, subject, body, correlation_id, sent_at)
        ), fresh AS (
            -- A lookup per arriving message: a join lets the planner scan every head once the table looks small.
            SELECT NOT EXISTS (
                SELECT 1 FROM arriving a
                WHERE a.sequence <= (SELECT h.last_sequence FROM hive_inbox_heads h WHERE h.agent_id = a.agent_id)) AS ok
        ), heads AS (
            INSERT INTO hive_inbox_heads (agent_id, last_sequence)
            SELECT agent_id, max(sequence) FROM arriving WHERE (SELECT ok FROM fresh) GROUP BY agent_id
            ON CONFLICT (agent_id) DO UPDATE SET last_sequence = excluded.last_sequence
        )
        INSERT INTO hive_messages (agent_id, sequence, sender, kind, subject, body, correlation_id, sent_at)
        SELECT agent_id, sequence, sender, kind, subject, body, correlation_id, sent_at FROM arriving
        WHERE (SELECT ok FROM fresh)
        """;

    // An acked message is gone; its inbox's head keeps the sequence from being handed out again. One statement per
    // inbox, so each is a primary-key lookup whatever the planner believes of the table's size.
    private const string Ack = "DELETE FROM hive_messages WHERE agent_id = @agent_id AND sequence = ANY(@sequence)";

    // The inbox's messages and its head go together; run under the inbox's advisory lock, so no append is half seen.
    public const string DropMessages = "DELETE FROM hive_messages WHERE agent_id = @agent_id";

    public const string DropHead = "DELETE FROM hive_inbox_heads WHERE agent_id = @agent_id";

    public const string Pending = """
        SELECT sequence, sender, agent_id, kind, subject, body, correlation_id, sent_at FROM hive_messages
        WHERE agent_id = @agent_id ORDER BY sequence LIMIT @limit
        """;

    public const string LastSequence = "SELECT coalesce((SELECT last_sequence FROM hive_inbox_heads WHERE agent_id = @agent_id), 0)";

    public static NpgsqlBatchCommand AppendCommand(IReadOnlyList<Message> messages) => new(Append)
    {
        Parameters =
        {
            SqlParameters.Texts("agent_id", messages.Select(m => m.To).ToArray()),
            SqlParameters.Longs("sequence", messages.Select(m => m.Sequence).ToArray()),
            SqlParameters.Texts("sender", messages.Select(m => m.From).ToArray()),
            SqlParameters.Texts("kind", messages.Select(m => m.Kind).ToArray()),
            SqlParameters.Texts("subject", messages.Select(m => m.Subject).ToArray()),
            SqlParameters.Texts("body", messages.Select(m => m.Body).ToArray()),
            SqlParameters.NullableTexts("correlation_id", messages.Select(m => m.CorrelationId).ToArray()),
            SqlParameters.Times("sent_at", messages.Select(m => m.SentAt)),
        },
    };

    public static NpgsqlBatchCommand AckCommand(string agentId, long[] sequences) => new(Ack)
    {
        Parameters = { SqlParameters.Text("agent_id", agentId), SqlParameters.Longs("sequence", sequences) },
    };

    public static Message Row(DbDataReader r) => new(
        r.GetInt64(0),
        r.GetString(1),
        r.GetString(2),
        r.GetString(3),
        r.GetString(4),
        r.GetString(5),
        r.IsDBNull(6) ? null : r.GetString(6),
        r.GetFieldValue<DateTimeOffset>(7));
}
