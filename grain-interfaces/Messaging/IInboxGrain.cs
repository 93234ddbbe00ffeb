using Hive.Health;
using Hive.Security;

namespace Hive.Messaging;

/// <summary>
/// One agent's inbox, keyed by <see cref="Common.GrainKeys.Inbox"/>. Delivery is at least once: a message stays
/// pending, and every receive returns it again, until the receiver acks it. Senders go through
/// <see cref="IMessengerGrain"/>, which checks that both agents exist; service authors use Hive.Client.
/// </summary>
public interface IInboxGrain : IGrainWithStringKey
{
    /// <summary>
    /// Up to <paramref name="maxMessages"/> (1–100) pending messages, lowest sequence first, so messages one sender
    /// sent one after another arrive in that order. When none is pending, waits up to <paramref name="wait"/>
    /// (capped at 25 s) for one to arrive, then answers, possibly empty. Nothing is removed: ack what was handled.
    /// A receive that would wait while the inbox already has <c>Hive:Messaging:MaxReceiveWaiters</c> waiting, or its
    /// caller <c>Hive:Messaging:MaxReceiveWaitersPerCaller</c>, is refused with <c>rate-limited</c> and a retry-after.
    /// </summary>
    [Operation(OperationKind.Read, Actor = Acts.GrainKey, Scope = Scopes.Messages)]
    [AlwaysInterleave]
    Task<IReadOnlyList<Message>> Receive(int maxMessages, TimeSpan wait);

    /// <summary>
    /// Removes the messages with these sequences for good and returns how many of them were pending.
    /// Unknown or already acked sequences are ignored, so an ack may safely be repeated.
    /// </summary>
    [Operation(OperationKind.Message, Actor = Acts.GrainKey, Scope = Scopes.Messages)]
    Task<int> Ack(IReadOnlyList<long> sequences);

    /// <summary>The number of pending messages and the inbox capacity.</summary>
    [Operation(OperationKind.Read, Actor = Acts.Caller, Scope = Scopes.Read)]
    [AlwaysInterleave]
    Task<InboxSize> Size();
}
