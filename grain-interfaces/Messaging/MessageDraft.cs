namespace Hive.Messaging;

/// <summary>
/// A message as its sender writes it. Exactly one of <see cref="To"/> (an agent id) and <see cref="ToRole"/>
/// (every agent of the role that is not offline) names the recipients. <see cref="Kind"/> is an id such as
/// <c>request</c>, <c>notice</c> or <c>review</c>; <see cref="Subject"/> is 1–200 characters; <see cref="Body"/>
/// is at most 16 KiB of UTF-8 text and may be empty; <see cref="CorrelationId"/>, when given, is an id that ties
/// a reply to its request. A draft that breaks a rule is rejected with <c>validation</c> and nothing is sent.
/// </summary>
[GenerateSerializer, Immutable, Alias("hive.message-draft.v1")]
public sealed record MessageDraft(
    [property: Id(0)] string From,
    [property: Id(1)] string Kind,
    [property: Id(2)] string Subject,
    [property: Id(3)] string Body,
    [property: Id(4)] string? To = null,
    [property: Id(5)] string? ToRole = null,
    [property: Id(6)] string? CorrelationId = null);
