namespace Hive.Silo.Retention;

/// <summary>One line of an audit export: the event's fields and its sequence number in the trail it was purged from.</summary>
public sealed record ExportedAuditEvent(
    long Seq, DateTimeOffset At, string Actor, string Entity, string Action, string? From, string? To, string? Details, string? TraceId, string? Principal)
{
    public static ExportedAuditEvent Of(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var e = record.Event;
        return new(record.Sequence, e.At, e.Actor, e.Entity, e.Action, e.From, e.To, e.Details, e.TraceId, e.Principal);
    }
}
