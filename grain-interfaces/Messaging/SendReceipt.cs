namespace Hive.Messaging;

/// <summary>
/// What a role send did, per recipient, each list ordered by agent id. <see cref="Delivered"/> recipients hold
/// the message durably; <see cref="InboxFull"/> recipients got nothing because their inbox was at capacity (send
/// to them again, by id, once they have acked). Both empty means no agent of the role was online.
/// </summary>
[GenerateSerializer, Immutable, Alias("hive.message-send-receipt.v1")]
public sealed record SendReceipt(
    [property: Id(0)] IReadOnlyList<Delivery> Delivered,
    [property: Id(1)] IReadOnlyList<string> InboxFull);
