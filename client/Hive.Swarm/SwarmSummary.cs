using System.Globalization;
using System.Text;

namespace Hive.Swarm;

/// <summary>
/// The seed's week-1 coordination summary, computed from the hive: tasks completed, success rate, memory
/// updates (every put raises a key's version by one), validations (approvals given), and messages delivered.
/// </summary>
public sealed record SwarmSummary(int TasksCompleted, int TasksPlanned, int MemoryUpdates, int Validations, int MessagesDelivered, int EscalationsClosed)
{
    public double SuccessRate => TasksPlanned == 0 ? 0 : (double)TasksCompleted / TasksPlanned;

    public static async Task<SwarmSummary> ReadAsync(HiveClient hive, SwarmPlan plan, SwarmStats stats)
    {
        var tasks = await Task.WhenAll(plan.Tasks.Select(t => hive.Tasks.GetAsync(t.Spec.Id)));
        var memoryUpdates = 0L;
        foreach (var channel in SwarmPlan.Channels)
        {
            string? token = null;
            do
            {
                var page = await hive.Memory.ListKeysAsync(plan.Namespace, channel, Limits.MaxPageSize, token);
                memoryUpdates += page.Items.Sum(k => k.Version);
                token = page.NextPageToken;
            }
            while (token is not null);
        }
        var escalations = await hive.Escalations.ListAsync(new Escalations.EscalationQuery(Escalations.EscalationStatus.Closed, PageSize: Limits.MaxPageSize));
        return new SwarmSummary(
            tasks.Count(t => t.Status == HiveTaskStatus.Completed),
            plan.Tasks.Count,
            (int)memoryUpdates,
            tasks.Sum(t => t.Approvals.Count),
            stats.MessagesDelivered,
            escalations.Items.Count(e => e.Id.EndsWith(plan.Suffix, StringComparison.Ordinal) && e.PrimaryAgent is not null
                && plan.Members.Any(m => m.Id == e.PrimaryAgent)));
    }

    public string ToMarkdown()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine("## WEEK 1 COORDINATION SUMMARY");
        text.AppendLine(c, $"- Tasks Coordinated: {TasksCompleted}/{TasksPlanned} ({SuccessRate * 100:0}% success rate)");
        text.AppendLine(c, $"- Memory System Updates: {MemoryUpdates}");
        text.AppendLine(c, $"- Inter-Agent Messages: {MessagesDelivered}");
        text.AppendLine(c, $"- Cross-Agent Validations: {Validations}");
        text.Append(c, $"- Escalations Raised and Closed: {EscalationsClosed}");
        return text.ToString();
    }
}
