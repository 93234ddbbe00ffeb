using System.Text;
using Hive.Console.Output;

namespace Hive.Console.Reports;

/// <summary>
/// Seed 002's agent status update, filled from the hive: health, the task it holds, blockers and issues, what it
/// completed since <see cref="Since"/>, the next tasks it may take, and what it needs from others.
/// </summary>
internal sealed record StatusUpdate(
    string AgentId,
    string AgentName,
    DateTimeOffset Date,
    DateTimeOffset Since,
    string Health,
    IReadOnlyList<string> Current,
    IReadOnlyList<string> Completed,
    IReadOnlyList<string> Next,
    IReadOnlyList<string> Coordination)
{
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.Append("## ").Append(AgentName).Append(" (").Append(AgentId).Append(") Status Update - ").AppendLine(Formats.Date(Date));
        text.AppendLine().AppendLine("### Current Status");
        foreach (var line in Current) text.Append("- ").AppendLine(line);
        text.AppendLine().Append("### Completed Since Last Update (since ").Append(Formats.Time(Since)).AppendLine(")");
        foreach (var line in Completed.DefaultIfEmpty("Nothing completed in this period")) text.Append("- ").AppendLine(line);
        text.AppendLine().AppendLine("### Next Actions");
        foreach (var line in Next.DefaultIfEmpty("No task is waiting for this agent")) text.Append("- [ ] ").AppendLine(line);
        text.AppendLine().AppendLine("### Coordination Needed");
        foreach (var line in Coordination.DefaultIfEmpty("None")) text.Append("- ").AppendLine(line);
        return text.ToString().TrimEnd();
    }
}
