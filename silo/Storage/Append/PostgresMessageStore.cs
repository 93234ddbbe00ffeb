using Hive.Messaging;
using Hive.Silo.Storage.GroupCommit;
using Hive.Silo.Storage.Resilience;
using Npgsql;

namespace Hive.Silo.Storage.Append;

/// <summary>
/// Inbox messages in PostgreSQL (<c>hive_messages</c>). Appends that arrive together, for any inboxes, share one
/// transaction and one round trip; each caller's messages are checked against their inboxes' highest stored sequence
/// under a lock on those inboxes, so a stale caller is refused alone and stores none of its messages, as in the
/// in-memory store. Acks that arrive together share one round trip and delete the messages: each inbox's highest
/// sequence ever stored is kept apart (<c>hive_inbox_heads</c>), so it survives them and the table holds only what is pending.
/// </summary>
public sealed class PostgresMessageStore : IMessageStore, IAsyncDisposable
{
    private readonly PostgresCalls _db;

    public PostgresMessageStore(PostgresCalls db, IOptions<GroupCommitOptions> options, ILogger<PostgresMessageStore> log)
    {
        _db = db;
        Appends = new GroupCommitter<IReadOnlyList<Message>>("message appends", WriteAppendsAsync, options.Value, log);
        Acks = new GroupCommitter<(string AgentId, IReadOnlyList<long> Sequences)>("message acks", WriteAcksAsync, options.Value, log);
    }

    internal GroupCommitter<IReadOnlyList<Message>> Appends { get; }

    internal GroupCommitter<(string AgentId, IReadOnlyList<long> Sequences)> Acks { get; }

    public async Task AppendAsync(IReadOnlyList<Message> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 0) return;
        // Within the append each inbox's sequences must rise; against the stored inbox it is checked in the transaction.
        var last = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var m in messages)
        {
            RequireStorable(m);
            if (last.TryGetValue(m.To, out var before) && m.Sequence <= before)
                throw new InvalidOperationException($"Inbox '{m.To}' gets sequence {m.Sequence} after {before} in one append; sequences must rise.");
            last[m.To] = m.Sequence;
        }
        await Appends.SubmitAsync(messages, cancellationToken);
    }

    public async Task AckAsync(string agentId, IReadOnlyList<long> sequences, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agentId);
        ArgumentNullException.ThrowIfNull(sequences);
        if (sequences.Count == 0) return;
        await Acks.SubmitAsync((agentId, sequences), cancellationToken);
    }

    public Task<IReadOnlyList<Message>> PendingAsync(string agentId, int limit, CancellationToken cancellationToken = default)
    {
        if (limit <= 0) return Task.FromResult<IReadOnlyList<Message>>([]);
        return _db.ReadAsync<IReadOnlyList<Message>>(async (connection, token) =>
        {
            await using var command = new NpgsqlCommand(MessageSql.Pending, connection)
            {
                Parameters = { SqlParameters.Text("agent_id", agentId), SqlParameters.Int("limit", limit) },
            };
            await command.PrepareAsync(token);
            await using var reader = await command.ExecuteReaderAsync(token);
            var page = new List<Message>();
            while (await reader.ReadAsync(token)) page.Add(MessageSql.Row(reader));
            return page;
        }, cancellationToken);
    }

    public Task DropAsync(string agentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agentId);
        // Deleting twice deletes nothing more: safe to retry even after an unconfirmed commit.
        return _db.WriteAsync(async (connection, transaction, token) =>
        {
            await using var statements = new NpgsqlBatch(connection, transaction);
            statements.BatchCommands.Add(AdvisoryLocks.Command(AdvisoryLocks.Inboxes, [agentId]));
            foreach (var sql in new[] { MessageSql.DropMessages, MessageSql.DropHead })
                statements.BatchCommands.Add(new NpgsqlBatchCommand(sql) { Parameters = { SqlParameters.Text("agent_id", agentId) } });
            return await statements.ExecuteNonQueryAsync(token);
        }, idempotent: true, cancellationToken);
    }

    public Task<long> LastSequenceAsync(string agentId, CancellationToken cancellationToken = default) =>
        _db.ReadAsync(async (connection, token) =>
        {
            await using var command = new NpgsqlCommand(MessageSql.LastSequence, connection) { Parameters = { SqlParameters.Text("agent_id", agentId) } };
            await command.PrepareAsync(token);
            return (long)(await command.ExecuteScalarAsync(token))!;
        }, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Appends.DisposeAsync();
        await Acks.DisposeAsync();
    }

    private Task<Exception?[]?> WriteAppendsAsync(IReadOnlyList<IReadOnlyList<Message>> batch, CancellationToken cancellationToken) =>
        // Not idempotent: after an unconfirmed commit the retry would be refused as stale, so it is not retried.
        _db.WriteAsync<Exception?[]?>(async (connection, transaction, token) =>
        {
            await using var statements = new NpgsqlBatch(connection, transaction);
            statements.BatchCommands.Add(AdvisoryLocks.Command(AdvisoryLocks.Inboxes, batch.SelectMany(messages => messages.Select(m => m.To))));
            foreach (var messages in batch) statements.BatchCommands.Add(MessageSql.AppendCommand(messages));
            await statements.PrepareAsync(token);
            await statements.ExecuteNonQueryAsync(token);
            var refused = new Exception?[batch.Count];
            for (var i = 0; i < batch.Count; i++)
            {
                if (statements.BatchCommands[i + 1].RecordsAffected == 0) refused[i] = Stale(batch[i]);
            }
            return refused;
        }, idempotent: false, cancellationToken);

    private Task<Exception?[]?> WriteAcksAsync(IReadOnlyList<(string AgentId, IReadOnlyList<long> Sequences)> batch, CancellationToken cancellationToken)
    {
        // Inboxes in one order, so two concurrent batches never wait on each other's rows in a cycle.
        var acks = batch.GroupBy(a => a.AgentId, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (AgentId: g.Key, Sequences: g.SelectMany(a => a.Sequences).ToArray()))
            .ToArray();
        // Acking twice changes nothing, so even an unconfirmed commit is safe to retry.
        return _db.WriteAsync<Exception?[]?>(async (connection, transaction, token) =>
        {
            await using var statements = new NpgsqlBatch(connection, transaction);
            foreach (var (agentId, sequences) in acks) statements.BatchCommands.Add(MessageSql.AckCommand(agentId, sequences));
            await statements.PrepareAsync(token);
            await statements.ExecuteNonQueryAsync(token);
            return null;
        }, idempotent: true, cancellationToken);
    }

    private static InvalidOperationException Stale(IReadOnlyList<Message> messages) => messages.Count == 1
        ? new($"Inbox '{messages[0].To}' already holds sequence {messages[0].Sequence} or a later one; the message was not stored.")
        : new($"An inbox of this append already holds one of its sequences or a later one; none of its {messages.Count} messages was stored.");

    private static void RequireStorable(Message m)
    {
        ArgumentNullException.ThrowIfNull(m);
        HiveText.RequireStorable(m.From, "Message sender");
        HiveText.RequireStorable(m.To, "Message recipient");
        HiveText.RequireStorable(m.Kind, "Message kind");
        HiveText.RequireStorable(m.Subject, "Message subject");
        HiveText.RequireStorable(m.Body, "Message body");
        HiveText.RequireStorable(m.CorrelationId, "Message correlation id");
    }
}
