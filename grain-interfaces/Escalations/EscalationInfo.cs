namespace Hive.Escalations;

/// <summary>An escalation now. <see cref="Severity"/> is the current tier, which may be above the spec's after missed deadlines.</summary>
[GenerateSerializer, Immutable, Alias("hive.escalation-info.v1")]
public sealed record EscalationInfo(
    [property: Id(0)] EscalationSpec Spec,
    [property: Id(1)] EscalationStatus Status,
    [property: Id(2)] Severity Severity,
    [property: Id(3)] DateTimeOffset? AcknowledgeBy,
    [property: Id(4)] int MissedDeadlines,
    [property: Id(5)] string? Resolution,
    [property: Id(6)] string? PostMortem,
    [property: Id(7)] string RaisedBy,
    [property: Id(8)] DateTimeOffset RaisedAt,
    [property: Id(9)] DateTimeOffset UpdatedAt,
    [property: Id(10)] string? LastNote,
    [property: Id(11)] long Version)
{
    public string Id => Spec.Id;
}
