using Hive.Console.Output;

namespace Hive.Console.Reports;

/// <summary>Seed 002's issue escalation format, filled from a live escalation, with one status line after it.</summary>
internal static class EscalationMarkdown
{
    public static string Render(EscalationInfo e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var spec = e.Spec;
        var status = $"{Names.Of(e.Status)}, raised {Formats.Time(e.RaisedAt)} by {e.RaisedBy}";
        if (e.MissedDeadlines > 0) status += $"; severity rose from {Upper(spec.Severity)} after {e.MissedDeadlines} missed acknowledgement deadline(s)";
        if (e.Resolution is { } resolution) status += $"; resolution: {resolution}";
        return string.Join('\n',
            $"## ESCALATION: {spec.Title}",
            "",
            $"**Severity**: {Upper(e.Severity)}",
            $"**Primary Agent**: {spec.PrimaryAgent ?? "none named"}",
            $"**Supporting Agents**: {(spec.SupportingAgents is { Count: > 0 } s ? string.Join(", ", s) : "none named")}",
            "",
            "**Issue Description**: ",
            spec.Description,
            "",
            "**Impact**:",
            spec.Impact ?? "Not stated.",
            "",
            "**Proposed Resolution**:",
            spec.ProposedResolution ?? "Not stated.",
            "",
            "**Timeline**:",
            spec.Timeline ?? "Not stated.",
            "",
            "**Dependencies**:",
            spec.Dependencies is { Count: > 0 } d ? string.Join('\n', d.Select(x => "- " + x)) : "None stated.",
            "",
            $"**Status**: {status}");
    }

    private static string Upper(Severity severity) => Names.Of(severity).ToUpperInvariant();
}
