using Hive.Health;
using Hive.Security;

namespace Hive.Messaging;

/// <summary>
/// Routes messages between agents (a stateless worker: use key 0). A send is validated and its sender and
/// recipients checked before any inbox is touched, so a rejected send has stored nothing.
/// </summary>
public interface IMessengerGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Delivers the draft to the one agent named in <see cref="MessageDraft.To"/> and returns the message's sequence
    /// in that agent's inbox. <c>not-found</c> when the sender or the recipient never registered, or the recipient is
    /// offline (nothing is stored; draining, unresponsive and suspended recipients do get it); <c>inbox-full</c>
    /// (with a retry-after) when the recipient has too many unacked messages.
    /// </summary>
    [Operation(OperationKind.Message, Actor = "draft.From", Scope = Scopes.Messages)]
    Task<long> Send(MessageDraft draft);

    /// <summary>
    /// Delivers the draft to every agent of <see cref="MessageDraft.ToRole"/> that is not offline, and reports per
    /// recipient whether it holds the message or its inbox was full. <c>not-found</c> when the sender never registered.
    /// </summary>
    [Operation(OperationKind.Message, Actor = "draft.From", Scope = Scopes.Messages)]
    Task<SendReceipt> SendToRole(MessageDraft draft);

    /// <summary>
    /// Delivers 1–100 drafts, each to the agent in its <see cref="MessageDraft.To"/>, and returns, in the drafts' order,
    /// each message's sequence, or null where the recipient's inbox had no room for all of this call's drafts to it
    /// (none of them was stored). Drafts to one recipient get consecutive sequences in their order and are stored
    /// together, so a batch costs one durable write per recipient. Every draft is validated, and every sender and
    /// recipient checked, before any inbox is touched: one bad draft (named by its index), unknown agent or offline
    /// recipient sends nothing.
    /// </summary>
    [Operation(OperationKind.Message, CountsItems = true, Actor = "drafts.From", Scope = Scopes.Messages)]
    Task<IReadOnlyList<long?>> SendMany(IReadOnlyList<MessageDraft> drafts);
}
