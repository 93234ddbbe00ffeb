using System.Globalization;

namespace Hive.Console.Output;

/// <summary>Agents as tables.</summary>
internal static class AgentViews
{
    public static Table List(IReadOnlyList<AgentSummary> agents) => Terminal.Grid(
        ["ID", "NAME", "STATUS", "ROLES", "TASK", "UPDATED"],
        agents.Select(a => new[] { a.Id, a.DisplayName, Names.Of(a.Status), Formats.List(a.Roles), Formats.Text(a.CurrentTaskId), Formats.Time(a.UpdatedAt) }));

    public static Table Detail(AgentInfo agent) => Terminal.Fields(
    [
        ("id", agent.Id),
        ("name", agent.Spec.DisplayName),
        ("status", Names.Of(agent.Status) + (agent.Draining ? " (draining)" : "")),
        ("reason", Formats.Text(agent.StatusReason)),
        ("roles", Formats.List(agent.Spec.Roles)),
        ("capabilities", Formats.List(agent.Spec.Capabilities)),
        ("metadata", Formats.List(agent.Spec.Metadata?.Select(m => $"{m.Key}={m.Value}"))),
        ("current task", Formats.Text(agent.CurrentTaskId)),
        ("load", Formats.Number(agent.Load)),
        ("last heartbeat", Formats.Time(agent.LastHeartbeat)),
        ("registered", Formats.Time(agent.RegisteredAt)),
        ("version", agent.Version.ToString(CultureInfo.InvariantCulture)),
    ]);
}
