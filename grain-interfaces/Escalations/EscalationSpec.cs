namespace Hive.Escalations;

/// <summary>
/// The escalation template's fields: what happened, who leads, who supports, the impact, the proposed
/// resolution, the timeline, what it depends on, and the entity that caused it (for example <c>agent/a1</c>).
/// </summary>
[GenerateSerializer, Immutable, Alias("hive.escalation-spec.v1")]
public sealed record EscalationSpec(
    [property: Id(0)] string Id,
    [property: Id(1)] Severity Severity,
    [property: Id(2)] string Title,
    [property: Id(3)] string Description,
    [property: Id(4)] string? PrimaryAgent = null,
    [property: Id(5)] IReadOnlyList<string>? SupportingAgents = null,
    [property: Id(6)] string? Impact = null,
    [property: Id(7)] string? ProposedResolution = null,
    [property: Id(8)] string? Timeline = null,
    [property: Id(9)] IReadOnlyList<string>? Dependencies = null,
    [property: Id(10)] string? CausedBy = null);
