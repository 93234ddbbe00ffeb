using System.Data.Common;
using Hive.Messaging;
using Npgsql;

namespace Hive.Silo.Storage.Append;

/// <summary>The message store's statements and row mapping.</summary>
internal static class MessageSql
{
    // Inserts all of one caller's messages, or none when any of them is not above its inbox's highest stored sequence.
    private const string Append = """
        INSERT INTO hive_messages (agent_id, sequence, sender, kind, subject, body, correlation_id, sent_at)
        SELECT m.agent_id, m.sequence, m.sender, m.kind, m.subject, m.body, m.correlation_id, m.sent_at
        FROM unnest(@agent_id, @sequence, @sender, @kind, @subject, @body, @correlation_id, @sent_at)
             AS m(agent_id, sequence, sender, kind, subject, body, correlation_id, sent_at)
        WHERE NOT EXISTS (
            SELECT 1 FROM unnest(@agent_id, @sequence) AS n(agent_id, sequence)
            WHERE n.sequence <= (SELECT coalesce(max(s.sequence), 0) FROM hive_messages s WHERE s.agent_id = n.agent_id))
        """;

    private const string Ack = """
        UPDATE hive_messages m SET acked = true, acked_at = now()
        FROM unnest(@agent_id, @sequence) AS a(agent_id, sequence)
        WHERE m.agent_id = a.agent_id AND m.sequence = a.sequence AND NOT m.acked
        """;

    public const string Pending = """
        SELECT sequence, sender, agent_id, kind, subject, body, correlation_id, sent_at FROM hive_messages
        WHERE agent_id = @agent_id AND NOT acked ORDER BY sequence LIMIT @limit
        """;

    // Acked rows stay, so this is the highest sequence ever stored.
    public const string LastSequence = "SELECT coalesce(max(sequence), 0) FROM hive_messages WHERE agent_id = @agent_id";

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

    public static NpgsqlCommand AckCommand(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<(string AgentId, long Sequence)> acks) =>
        new(Ack, connection, transaction)
        {
            Parameters =
            {
                SqlParameters.Texts("agent_id", acks.Select(a => a.AgentId).ToArray()),
                SqlParameters.Longs("sequence", acks.Select(a => a.Sequence).ToArray()),
            },
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
