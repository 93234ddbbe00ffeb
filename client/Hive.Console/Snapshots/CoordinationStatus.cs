using System.Text.Json.Nodes;
using Hive.Console.Output;

namespace Hive.Console.Snapshots;

/// <summary>
/// Seed 004's <c>coordination_status.json</c> shape, computed from a snapshot. The hive has no phases, so <c>phase</c> is
/// what <c>--phase</c> says (null without it). Per agent: its current task's status, title and progress; blockers (blocked
/// tasks it could take, unresolved escalations it leads); its next milestone (the best ready or pending task it may take).
/// Quality gates are the tasks that need approvals; critical issues are unresolved HIGH and CRITICAL escalations.
/// </summary>
internal static class CoordinationStatus
{
    public static JsonObject Build(HiveSnapshot snapshot, string? phase)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var tasks = snapshot.Tasks.ToDictionary(t => t.Spec.Id, StringComparer.Ordinal);
        var agents = new JsonObject();
        foreach (var agent in snapshot.Agents) agents[agent.Spec.Id] = Agent(agent, tasks, snapshot);
        var gates = new JsonObject();
        foreach (var task in snapshot.Tasks.Where(t => t.Spec.RequiredApprovals is { Count: > 0 })) gates[task.Spec.Id] = Gate(task.Status);
        var issues = new JsonArray([.. snapshot.Escalations
            .Where(e => e.Status is not (EscalationStatus.Resolved or EscalationStatus.Closed) && e.Severity >= Severity.High)
            .Select(e => (JsonNode)new JsonObject
            {
                ["id"] = e.Spec.Id,
                ["title"] = e.Spec.Title,
                ["severity"] = Snake(Names.Of(e.Severity)),
                ["status"] = Snake(Names.Of(e.Status)),
                ["primary_agent"] = e.Spec.PrimaryAgent,
            })]);
        return new JsonObject
        {
            ["phase"] = phase,
            ["timestamp"] = snapshot.ExportedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["agents"] = agents,
            ["quality_gates"] = gates,
            ["critical_issues"] = issues,
        };
    }

    private static JsonObject Agent(AgentRecord agent, Dictionary<string, TaskRecord> tasks, HiveSnapshot snapshot)
    {
        var current = agent.CurrentTaskId is { } id ? tasks.GetValueOrDefault(id) : null;
        var mine = snapshot.Tasks.Where(t => MayTake(agent.Spec, t.Spec)).ToList();
        var blockers = mine.Where(t => t.Status == HiveTaskStatus.Blocked).Select(t => $"{t.Spec.Id}: {t.StatusReason ?? "blocked"}")
            .Concat(snapshot.Escalations
                .Where(e => e.Spec.PrimaryAgent == agent.Spec.Id && e.Status is not (EscalationStatus.Resolved or EscalationStatus.Closed))
                .Select(e => $"escalation {e.Spec.Id} ({Names.Of(e.Severity)}, {Names.Of(e.Status)}): {e.Spec.Title}"));
        var next = mine.Where(t => t.Status is HiveTaskStatus.Ready or HiveTaskStatus.Pending)
            .OrderBy(t => t.Status == HiveTaskStatus.Ready ? 0 : 1).ThenByDescending(t => t.Spec.Priority).ThenBy(t => t.CreatedAt)
            .FirstOrDefault();
        return new JsonObject
        {
            ["status"] = Snake(current is not null ? Names.Of(current.Status) : Names.Of(agent.Status)),
            ["current_task"] = current?.Spec.Title,
            ["completion"] = current?.ProgressPercent ?? 0,
            ["blockers"] = new JsonArray([.. blockers.Select(b => (JsonNode)b)]),
            ["next_milestone"] = next?.Spec.Title,
        };
    }

    internal static bool MayTake(AgentSpec agent, TaskSpec task) =>
        task.PrimaryAgent is { } named ? named == agent.Id : agent.Roles.Contains(task.PrimaryRole!, StringComparer.Ordinal);

    private static string Gate(HiveTaskStatus status) => status switch
    {
        HiveTaskStatus.Completed => "passed",
        HiveTaskStatus.AwaitingApproval => "in_progress",
        HiveTaskStatus.Failed or HiveTaskStatus.Cancelled => "failed",
        _ => "pending",
    };

    private static string Snake(string kebab) => kebab.Replace('-', '_');
}
