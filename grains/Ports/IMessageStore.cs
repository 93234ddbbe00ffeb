using Hive.Messaging;

namespace Hive.Ports;

/// <summary>
/// Where inbox messages live, outside grain state so an inbox write never rewrites its other messages.
/// Each inbox is the rows of one agent (<see cref="Message.To"/>), keyed by sequence. The calls are batches
/// so an adapter can commit many inboxes' appends in one round trip. Adapters: in-memory, PostgreSQL.
/// </summary>
public interface IMessageStore
{
    /// <summary>
    /// Stores the messages, which may belong to several inboxes. Returns when all are durable. A (recipient,
    /// sequence) pair that is already stored is an error: the caller's idea of its inbox is stale.
    /// </summary>
    Task AppendAsync(IReadOnlyList<Message> messages, CancellationToken cancellationToken = default);

    /// <summary>Removes these sequences from the agent's pending messages for good. Unknown sequences are ignored.</summary>
    Task AckAsync(string agentId, IReadOnlyList<long> sequences, CancellationToken cancellationToken = default);

    /// <summary>The agent's unacked messages, lowest sequence first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<Message>> PendingAsync(string agentId, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// The highest sequence ever stored for the agent, acked or not; 0 when none. Acking must not lower it,
    /// or a new activation would hand out a sequence the receiver has already seen.
    /// </summary>
    Task<long> LastSequenceAsync(string agentId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes the agent's inbox: its pending messages and its highest sequence, so an inbox of that id starts over from
    /// sequence 1. For a purged agent; an inbox that holds nothing is left as it is.
    /// </summary>
    Task DropAsync(string agentId, CancellationToken cancellationToken = default);
}
