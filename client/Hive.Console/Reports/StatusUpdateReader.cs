using Hive.Console.Cli;
using Hive.Console.Output;
using Hive.Console.Snapshots;

namespace Hive.Console.Reports;

/// <summary>
/// Reads what a status update says from the hive. Health is red when the agent is unresponsive or offline, failed a task
/// in the period, or leads an unresolved HIGH or CRITICAL escalation; yellow when it has no heartbeat yet, is suspended or
/// draining, waits for approvals, has blocked work, or is part of an unresolved escalation; green otherwise.
/// </summary>
internal static class StatusUpdateReader
{
    private const int MaxNext = 10;

    public static async Task<StatusUpdate> ReadAsync(HiveClient hive, string agentId, DateTimeOffset since, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(hive);
        var agent = await hive.Agents.GetAsync(agentId);
        var held = agent.CurrentTaskId is { } current ? await hive.Tasks.GetAsync(current) : null;
        var assigned = await ListAsync(hive, new TaskQuery(AssignedAgent: agentId));
        var completed = assigned.Where(t => t.Status == HiveTaskStatus.Completed && t.UpdatedAt >= since).OrderBy(t => t.UpdatedAt).ToList();
        var failed = await Reads.AllAsync(assigned.Where(t => t.Status == HiveTaskStatus.Failed && t.UpdatedAt >= since), t => hive.Tasks.GetAsync(t.Id));
        var open = new List<TaskSummary>();
        foreach (var status in new[] { HiveTaskStatus.Ready, HiveTaskStatus.Pending, HiveTaskStatus.Blocked })
            open.AddRange(await ListAsync(hive, new TaskQuery(status)));
        var mine = (await Reads.AllAsync(open, t => hive.Tasks.GetAsync(t.Id))).Where(t => CoordinationStatus.MayTake(agent.Spec, t.Spec)).ToList();
        var next = mine.Where(t => t.Status != HiveTaskStatus.Blocked)
            .OrderBy(t => t.Status == HiveTaskStatus.Ready ? 0 : 1).ThenByDescending(t => t.Spec.Priority).ThenBy(t => t.CreatedAt).Take(MaxNext).ToList();
        var blocked = mine.Where(t => t.Status == HiveTaskStatus.Blocked).ToList();
        var escalations = await EscalationsOfAsync(hive, agentId);
        var inbox = await hive.Messages.InboxSizeAsync(agentId);

        var red = agent.Status is AgentStatus.Unresponsive or AgentStatus.Offline || failed.Count > 0
            || escalations.Any(e => e.Spec.PrimaryAgent == agentId && e.Severity >= Severity.High);
        var yellow = agent.Status is AgentStatus.Registered or AgentStatus.Suspended || agent.Draining || blocked.Count > 0
            || escalations.Count > 0 || held?.Status == HiveTaskStatus.AwaitingApproval;
        var health = red ? "🔴" : yellow ? "🟡" : "🟢";
        var currentLines = new List<string> { $"{health} Overall health: {Names.Of(agent.Status)}{(agent.Draining ? ", draining" : "")}, last heartbeat {Formats.Time(agent.LastHeartbeat)}" };
        currentLines.Add(held is null ? "No active task" : $"Active: {held.Id} {held.Spec.Title} - {Names.Of(held.Status)}, {held.ProgressPercent}%{(held.ProgressNote is { } n ? $" ({n})" : "")}");
        var issues = blocked.Select(t => $"Blocked: {t.Id} {t.Spec.Title} - {t.StatusReason ?? "blocked"}")
            .Concat(failed.Select(t => $"Failed: {t.Id} {t.Spec.Title} - {t.StatusReason}"))
            .Concat(escalations.Select(e => $"Escalation {e.Id} ({Names.Of(e.Severity).ToUpperInvariant()}, {Names.Of(e.Status)}): {e.Spec.Title}"))
            .DefaultIfEmpty("No blockers or issues");
        currentLines.AddRange(issues);

        var coordination = new List<string>();
        if (held?.Status == HiveTaskStatus.AwaitingApproval)
        {
            var missing = held.Spec.RequiredApprovals!.Where(r => held.Approvals.All(a => a.Role != r));
            coordination.Add($"Requests for other agents: {held.Id} awaits approval from {string.Join(", ", missing)}");
        }
        coordination.AddRange(next.Where(t => t.PendingPrerequisites.Count > 0)
            .Select(t => $"Dependencies on other work: {t.Id} waits for {string.Join(", ", t.PendingPrerequisites)}"));
        if (held?.Deadline is { } due) coordination.Add($"Scheduling requirements: {held.Id} is due by {Formats.Time(due)}");
        if (inbox.Pending > 0) coordination.Add($"Inbox: {inbox.Pending} unread message(s)");

        return new StatusUpdate(agent.Id, agent.Spec.DisplayName, now, since, health, currentLines,
            [.. completed.Select(t => $"✅ {t.Id}: {t.Title} (completed {Formats.Time(t.UpdatedAt)})")],
            [.. next.Select(t => $"{t.Id}: {t.Spec.Title} ({Names.Of(t.Status)}, priority {t.Spec.Priority})")],
            coordination);
    }

    private static async Task<IReadOnlyList<TaskSummary>> ListAsync(HiveClient hive, TaskQuery query) =>
        (await Paging.ReadAllAsync((size, token) => hive.Tasks.ListAsync(query with { PageSize = size, PageToken = token }))).Items;

    /// <summary>Unresolved escalations the agent leads or supports.</summary>
    private static async Task<List<EscalationInfo>> EscalationsOfAsync(HiveClient hive, string agentId)
    {
        var rows = new List<EscalationSummary>();
        foreach (var status in new[] { EscalationStatus.Open, EscalationStatus.Acknowledged, EscalationStatus.Mitigating })
            rows.AddRange((await Paging.ReadAllAsync((size, token) => hive.Escalations.ListAsync(new EscalationQuery(status, PageSize: size, PageToken: token)))).Items);
        var all = await Reads.AllAsync(rows, r => hive.Escalations.GetAsync(r.Id));
        return [.. all.Where(e => e.Spec.PrimaryAgent == agentId || (e.Spec.SupportingAgents ?? []).Contains(agentId, StringComparer.Ordinal))];
    }
}
