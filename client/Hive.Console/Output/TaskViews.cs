using System.Globalization;

namespace Hive.Console.Output;

/// <summary>Tasks as tables.</summary>
internal static class TaskViews
{
    public static Table List(IReadOnlyList<TaskSummary> tasks) => Terminal.Grid(
        ["ID", "TITLE", "TYPE", "STATUS", "PRIORITY", "AGENT", "UPDATED"],
        tasks.Select(t => new[]
        {
            t.Id, t.Title, t.Type, Names.Of(t.Status), t.Priority.ToString(CultureInfo.InvariantCulture), Formats.Text(t.AssignedAgent), Formats.Time(t.UpdatedAt),
        }));

    public static Table Detail(TaskInfo task)
    {
        var spec = task.Spec;
        return Terminal.Fields(
        [
            ("id", task.Id),
            ("title", spec.Title),
            ("type", spec.Type),
            ("status", Names.Of(task.Status)),
            ("reason", Formats.Text(task.StatusReason)),
            ("priority", spec.Priority.ToString(CultureInfo.InvariantCulture)),
            ("claimed by", spec.PrimaryAgent is { } agent ? "agent " + agent : "role " + spec.PrimaryRole),
            ("assigned to", Formats.Text(task.AssignedAgent)),
            ("attempts", $"{task.Attempts} of {spec.MaxAttempts}"),
            ("progress", $"{task.ProgressPercent}%" + (task.ProgressNote is { } note ? " - " + note : "")),
            ("prerequisites", Formats.List(spec.Prerequisites)),
            ("waiting for", Formats.List(task.PendingPrerequisites)),
            ("supporting", Formats.List(spec.SupportingAgents)),
            ("approvals needed", Formats.List(spec.RequiredApprovals)),
            ("approved", Formats.List(task.Approvals.Select(a => $"{a.Role} by {a.AgentId}"))),
            ("time budget", Formats.Duration(spec.TimeBudget)),
            ("deadline", Formats.Time(task.Deadline)),
            ("reads", Formats.List(spec.Reads)),
            ("writes", Formats.List(spec.Writes)),
            ("result", Formats.Text(task.Result)),
            ("description", Formats.Text(spec.Description)),
            ("created", Formats.Time(task.CreatedAt)),
            ("updated", Formats.Time(task.UpdatedAt)),
        ]);
    }
}
