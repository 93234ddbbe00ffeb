using Hive.Audit;

namespace Hive.Console.Output;

/// <summary>The audit trail as a table, newest first.</summary>
internal static class AuditViews
{
    public static Table List(IReadOnlyList<AuditEvent> events) => Terminal.Grid(
        ["AT", "ACTOR", "ENTITY", "ACTION", "FROM", "TO", "DETAILS"],
        events.Select(e => new[] { Formats.Time(e.At), e.Actor, e.Entity, e.Action, Formats.Text(e.From), Formats.Text(e.To), Formats.Text(e.Details) }));
}
