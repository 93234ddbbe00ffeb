using System.Globalization;
using System.Text;
using Hive.Console.Cli;

namespace Hive.Console.Reports;

/// <summary>
/// Seed 001's week summary, counted from the hive now, as the demo swarm's summary counts its own run, over a whole hive
/// (or one task type and chosen namespaces). What is counted: tasks completed of all tasks in scope (the success rate is
/// their ratio); memory updates as the versions of the live keys (every put, delete and expiry of a key still present
/// raised its version by one; keys deleted for good are not counted); messages delivered to agents' inboxes (each inbox's
/// last sequence, acked or not, the hive's own escalation notices included); validations as the approvals given on the
/// tasks in scope; escalations closed.
/// </summary>
internal sealed record HiveSummary(int TasksCompleted, int Tasks, long MemoryUpdates, long MessagesDelivered, int Validations, int EscalationsClosed,
    string? TaskType, IReadOnlyList<string> Namespaces)
{
    public double SuccessRate => Tasks == 0 ? 0 : (double)TasksCompleted / Tasks;

    public static async Task<HiveSummary> ReadAsync(HiveClient hive, string? taskType, IReadOnlyList<string>? namespaces)
    {
        ArgumentNullException.ThrowIfNull(hive);
        var taskIds = (await Paging.ReadAllAsync((size, token) => hive.Tasks.ListAsync(new TaskQuery(Type: taskType, PageSize: size, PageToken: token)))).Items;
        var tasks = await Snapshots.Reads.AllAsync(taskIds, t => hive.Tasks.GetAsync(t.Id));
        var names = namespaces is { Count: > 0 } ? namespaces : (await Paging.ReadAllAsync(hive.Memory.ListNamespacesAsync)).Items;
        long memory = 0;
        foreach (var ns in names)
        {
            foreach (var channel in (await Paging.ReadAllAsync((size, token) => hive.Memory.ListChannelsAsync(ns, size, token))).Items)
            {
                var keys = await Paging.ReadAllAsync((size, token) => hive.Memory.ListKeysAsync(ns, channel.Channel, size, token));
                memory += keys.Items.Sum(k => k.Version);
            }
        }
        var agents = (await Paging.ReadAllAsync((size, token) => hive.Agents.ListAsync(new AgentQuery(PageSize: size, PageToken: token)))).Items;
        var inboxes = await Snapshots.Reads.AllAsync(agents, a => hive.Messages.InboxSizeAsync(a.Id));
        var closed = await Paging.ReadAllAsync((size, token) => hive.Escalations.ListAsync(new EscalationQuery(EscalationStatus.Closed, PageSize: size, PageToken: token)));
        return new HiveSummary(tasks.Count(t => t.Status == HiveTaskStatus.Completed), tasks.Count, memory, inboxes.Sum(i => i.LastSequence),
            tasks.Sum(t => t.Approvals.Count), closed.Items.Count, taskType, [.. names]);
    }

    public string ToMarkdown(string title)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"## {title}");
        text.AppendLine();
        text.AppendLine("### Agent Network Performance:");
        text.AppendLine(c, $"- **Tasks Coordinated**: {TasksCompleted}/{Tasks} ({SuccessRate * 100:0}% success rate)");
        text.AppendLine(c, $"- **Memory System Updates**: {MemoryUpdates}");
        text.AppendLine(c, $"- **Inter-Agent Messages**: {MessagesDelivered}");
        text.AppendLine(c, $"- **Cross-Agent Validations**: {Validations}");
        text.AppendLine(c, $"- **Escalations Raised and Closed**: {EscalationsClosed}");
        text.AppendLine();
        text.Append(c, $"_Counted from the hive: tasks completed of all {(TaskType is null ? "" : $"'{TaskType}' ")}tasks; ");
        text.Append(c, $"memory updates are the versions of the live keys in {(Namespaces.Count == 0 ? "no namespace" : string.Join(", ", Namespaces))}; ");
        text.Append("messages are those delivered to agents' inboxes; validations are approvals given; escalations are those closed._");
        return text.ToString();
    }
}
