namespace Hive.Messaging;

/// <summary>How many messages an inbox holds unacked, and how many it may hold before sends fail with <c>inbox-full</c>.</summary>
[GenerateSerializer, Immutable, Alias("hive.message-inbox-size.v1")]
public sealed record InboxSize(
    [property: Id(0)] int Pending,
    [property: Id(1)] int Capacity);
