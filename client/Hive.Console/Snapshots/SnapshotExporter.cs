using Hive.Console.Cli;

namespace Hive.Console.Snapshots;

/// <summary>Reads a whole hive (memory: the namespaces asked for, or every namespace it lists) into a snapshot.</summary>
internal static class SnapshotExporter
{
    /// <summary>Reads the hive; <paramref name="withMemory"/> false leaves memory out (the coordination status does not show it).</summary>
    public static async Task<HiveSnapshot> ExportAsync(HiveClient hive, IReadOnlyList<string>? namespaces, SnapshotSource source, DateTimeOffset now,
        bool withMemory = true)
    {
        ArgumentNullException.ThrowIfNull(hive);
        var agentIds = (await Paging.ReadAllAsync((size, token) => hive.Agents.ListAsync(new AgentQuery(PageSize: size, PageToken: token)))).Items.Select(a => a.Id);
        var taskIds = (await Paging.ReadAllAsync((size, token) => hive.Tasks.ListAsync(new TaskQuery(PageSize: size, PageToken: token)))).Items.Select(t => t.Id);
        var escalationIds = (await Paging.ReadAllAsync((size, token) => hive.Escalations.ListAsync(new EscalationQuery(PageSize: size, PageToken: token)))).Items.Select(e => e.Id);
        var names = !withMemory ? []
            : namespaces is { Count: > 0 } ? namespaces
            : (await Paging.ReadAllAsync(hive.Memory.ListNamespacesAsync)).Items;
        return new HiveSnapshot(
            HiveSnapshot.CurrentFormat,
            now,
            source,
            [.. names.Order(StringComparer.Ordinal)],
            [.. (await Reads.AllAsync(agentIds, hive.Agents.GetAsync)).Select(AgentRecord.From).OrderBy(a => a.Spec.Id, StringComparer.Ordinal)],
            [.. (await Reads.AllAsync(taskIds, hive.Tasks.GetAsync)).Select(TaskRecord.From).OrderBy(t => t.Spec.Id, StringComparer.Ordinal)],
            await MemoryAsync(hive, names),
            [.. (await Reads.AllAsync(escalationIds, hive.Escalations.GetAsync)).Select(EscalationRecord.From).OrderBy(e => e.Spec.Id, StringComparer.Ordinal)]);
    }

    private static async Task<List<MemoryRecord>> MemoryAsync(HiveClient hive, IEnumerable<string> namespaces)
    {
        var records = new List<MemoryRecord>();
        foreach (var ns in namespaces)
        {
            var channels = await Paging.ReadAllAsync((size, token) => hive.Memory.ListChannelsAsync(ns, size, token));
            foreach (var channel in channels.Items)
            {
                var keys = await Paging.ReadAllAsync((size, token) => hive.Memory.ListKeysAsync(ns, channel.Channel, size, token));
                var entries = await Reads.AllAsync(keys.Items, k => hive.Memory.GetAsync(ns, channel.Channel, k.Key));
                // A key deleted or expired between the listing and the read is simply not in the snapshot.
                records.AddRange(entries.OfType<MemoryEntry>().Select(MemoryRecord.From));
            }
        }
        return [.. records.OrderBy(r => r.Path, StringComparer.Ordinal)];
    }
}
