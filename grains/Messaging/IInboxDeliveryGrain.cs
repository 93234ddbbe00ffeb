namespace Hive.Messaging;

/// <summary>
/// The sending side of an inbox (same grain as <see cref="IInboxGrain"/>): the messenger and escalations deliver
/// through it after checking both agents. Internal, so clients cannot reach it.
/// </summary>
internal interface IInboxDeliveryGrain : IGrainWithStringKey
{
    /// <summary>
    /// Stores the message under the next sequence of this inbox (the argument's sequence is ignored) and returns
    /// that sequence. The message is durable before this returns. A full inbox stores nothing and raises
    /// <c>inbox-full</c> with a retry-after; the receiver must ack before more can be delivered.
    /// </summary>
    Task<long> Deliver(Message message);

    /// <summary>
    /// Stores the messages, in order, under the next sequences of this inbox and returns them; all are durable before
    /// this returns, in one write. All or nothing: without room for every one, nothing is stored and <c>inbox-full</c> is raised.
    /// </summary>
    Task<IReadOnlyList<long>> DeliverMany(IReadOnlyList<Message> messages);
}
