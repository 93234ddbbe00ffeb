namespace Hive.Messaging;

/// <summary>
/// How many messages an inbox holds unacked, and how many it may hold before sends fail with <c>inbox-full</c>.
/// <see cref="LastSequence"/> is the highest sequence it ever handed out: since sequences start at 1 and are never
/// reused, it is also how many messages were ever delivered to this agent, acked or not.
/// </summary>
[GenerateSerializer, Immutable, Alias("hive.message-inbox-size.v1")]
public sealed record InboxSize(
    [property: Id(0)] int Pending,
    [property: Id(1)] int Capacity,
    [property: Id(2)] long LastSequence = 0);
