namespace Hive.Messaging;

/// <summary>
/// A message as its receiver sees it. <see cref="Sequence"/> is assigned by the receiver's inbox: it starts
/// at 1, grows by one per delivered message and is never reused, so it orders the inbox and identifies the
/// message when acking. <see cref="SentAt"/> is the hive's time when the message was accepted.
/// </summary>
[GenerateSerializer, Immutable, Alias("hive.message.v1")]
public sealed record Message(
    [property: Id(0)] long Sequence,
    [property: Id(1)] string From,
    [property: Id(2)] string To,
    [property: Id(3)] string Kind,
    [property: Id(4)] string Subject,
    [property: Id(5)] string Body,
    [property: Id(6)] string? CorrelationId,
    [property: Id(7)] DateTimeOffset SentAt);
