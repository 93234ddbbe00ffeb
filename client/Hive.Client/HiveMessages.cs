using Hive.Messaging;

namespace Hive.Client;

/// <summary>
/// Messages between agents, delivered at least once: a message stays in the receiver's inbox, and comes back on
/// every receive, until the receiver acks it. Handle a message, then ack it; expect to see one twice after a crash.
/// </summary>
public sealed class HiveMessages(IClusterClient cluster, HiveCalls calls)
{
    /// <summary>
    /// Sends the draft to the agent in <see cref="MessageDraft.To"/> and returns its sequence in that inbox.
    /// <c>not-found</c>, with nothing stored, when the sender or recipient is unknown or the recipient is offline.
    /// <c>inbox-full</c> carries a retry-after: the receiver is behind, so wait and send again.
    /// </summary>
    public Task<long> SendAsync(MessageDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return calls.Run(() => Messenger.Send(draft), ("draft", draft));
    }

    /// <summary>Sends the draft to every agent of <see cref="MessageDraft.ToRole"/> that is not offline; the receipt says who got it and whose inbox was full.</summary>
    public Task<SendReceipt> SendToRoleAsync(MessageDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return calls.Run(() => Messenger.SendToRole(draft), ("draft", draft));
    }

    /// <summary>
    /// Sends 1–100 drafts to agents in one call and returns, in their order, each message's sequence, or null where the
    /// recipient's inbox had no room for this call's drafts to it (none of those was stored; the rest were). Drafts to
    /// one recipient arrive in their order and are stored together. One invalid draft, unknown sender or unknown
    /// recipient sends nothing; <c>storage-unavailable</c> may leave some recipients with their messages, so send
    /// again (receivers may then see a message twice, as after any retry).
    /// </summary>
    public Task<IReadOnlyList<long?>> SendManyAsync(IEnumerable<MessageDraft> drafts)
    {
        ArgumentNullException.ThrowIfNull(drafts);
        var batch = drafts.ToArray();
        return calls.Run(() => Messenger.SendMany(batch), ("drafts", batch));
    }

    /// <summary>
    /// Up to <paramref name="maxMessages"/> (1–100) pending messages, oldest first. With a <paramref name="wait"/>
    /// (at most 25 s) an empty inbox answers as soon as a message arrives, or empty when the wait is over. Too many
    /// receives already waiting on the inbox (from this client or in all) is <c>rate-limited</c>, retried as such.
    /// </summary>
    public Task<IReadOnlyList<Message>> ReceiveAsync(string agentId, int maxMessages = 10, TimeSpan? wait = null) =>
        calls.Run(() => Inbox(agentId).Receive(maxMessages, wait ?? TimeSpan.Zero));

    /// <summary>Acks handled messages by sequence; returns how many were still pending. Repeating an ack is harmless.</summary>
    public Task<int> AckAsync(string agentId, IEnumerable<long> sequences)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        return calls.Run(() => Inbox(agentId).Ack(sequences.ToArray()));
    }

    /// <summary>How many messages wait unacked in the agent's inbox, and its capacity.</summary>
    public Task<InboxSize> InboxSizeAsync(string agentId) => calls.Run(() => Inbox(agentId).Size());

    private IMessengerGrain Messenger => cluster.GetGrain<IMessengerGrain>(0);

    private IInboxGrain Inbox(string agentId) =>
        cluster.GetGrain<IInboxGrain>(GrainKeys.Inbox(HiveIds.Require(agentId, "Agent id")));
}
