namespace Hive.Console.Snapshots;

/// <summary>An escalation in a snapshot: the template's fields and where its lifecycle stood.</summary>
internal sealed record EscalationRecord(
    EscalationSpec Spec,
    EscalationStatus Status,
    Severity Severity,
    int MissedDeadlines,
    string? Resolution,
    string? PostMortem,
    string RaisedBy,
    string? LastNote,
    DateTimeOffset RaisedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? AcknowledgeBy)
{
    public static EscalationRecord From(EscalationInfo e) => new(e.Spec, e.Status, e.Severity, e.MissedDeadlines, e.Resolution, e.PostMortem,
        e.RaisedBy, e.LastNote, e.RaisedAt, e.UpdatedAt, e.AcknowledgeBy);
}
