using System.Globalization;

namespace Hive.Console.Output;

/// <summary>Escalations as tables.</summary>
internal static class EscalationViews
{
    public static Table List(IReadOnlyList<EscalationSummary> escalations) => Terminal.Grid(
        ["ID", "SEVERITY", "STATUS", "TITLE", "PRIMARY", "RAISED"],
        escalations.Select(e => new[] { e.Id, Names.Of(e.Severity), Names.Of(e.Status), e.Title, Formats.Text(e.PrimaryAgent), Formats.Time(e.RaisedAt) }));

    public static Table Detail(EscalationInfo e) => Terminal.Fields(
    [
        ("id", e.Id),
        ("title", e.Spec.Title),
        ("severity", Names.Of(e.Severity) + (e.Severity != e.Spec.Severity ? $" (raised as {Names.Of(e.Spec.Severity)})" : "")),
        ("status", Names.Of(e.Status)),
        ("acknowledge by", Formats.Time(e.AcknowledgeBy)),
        ("missed deadlines", e.MissedDeadlines.ToString(CultureInfo.InvariantCulture)),
        ("primary agent", Formats.Text(e.Spec.PrimaryAgent)),
        ("supporting", Formats.List(e.Spec.SupportingAgents)),
        ("description", e.Spec.Description),
        ("impact", Formats.Text(e.Spec.Impact)),
        ("proposed resolution", Formats.Text(e.Spec.ProposedResolution)),
        ("timeline", Formats.Text(e.Spec.Timeline)),
        ("dependencies", Formats.List(e.Spec.Dependencies)),
        ("caused by", Formats.Text(e.Spec.CausedBy)),
        ("last note", Formats.Text(e.LastNote)),
        ("resolution", Formats.Text(e.Resolution)),
        ("post-mortem", Formats.Text(e.PostMortem)),
        ("raised", $"{Formats.Time(e.RaisedAt)} by {e.RaisedBy}"),
        ("updated", Formats.Time(e.UpdatedAt)),
    ]);
}
