namespace Hive.Messaging;

/// <summary>One recipient of a role send that now holds the message, durably, under <see cref="Sequence"/>.</summary>
[GenerateSerializer, Immutable, Alias("hive.message-delivery.v1")]
public sealed record Delivery(
    [property: Id(0)] string AgentId,
    [property: Id(1)] long Sequence);
