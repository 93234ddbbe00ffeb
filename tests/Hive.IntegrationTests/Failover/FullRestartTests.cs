using System.Text.Json.Nodes;
using Hive.Console.Output;
using Hive.Console.Snapshots;
using Hive.Tests.Console;

namespace Hive.Tests.Failover;

/// <summary>
/// Integration: the whole three-silo cluster stops and starts again, and the hive is what it was: agents in every
/// status, tasks in every status (with deadlines, approvals, attempts), memory with its versions and time to live,
/// open escalations, and messages nobody has received yet, under their sequences.
/// </summary>
[Trait("Category", "Failover")]
[Collection(FailoverCollection.Name)]
public sealed class FullRestartTests(FailoverCluster cluster) : IAsyncLifetime
{
    private static readonly SnapshotSource Source = new([], "failover", "failover");

    public Task InitializeAsync() => cluster.EnsureAllRunningAsync();

    public Task DisposeAsync() => cluster.EnsureAllRunningAsync();

    [Fact]
    public async Task A_full_cluster_restart_keeps_agents_tasks_memory_escalations_and_pending_messages()
    {
        await SnapshotScenario.FillAsync(cluster.Hive);
        var sent = new List<(long Sequence, string Body)>();
        foreach (var n in Enumerable.Range(1, 3))
            sent.Add((await cluster.Hive.Messages.SendAsync(new MessageDraft("worker-1", "notice", "Restart", $"pending {n}", To: "checker-1")), $"pending {n}"));
        var before = await SnapshotAsync();

        await cluster.RestartAllAsync();

        var after = await SnapshotAsync();
        Assert.Equal(before, after);
        var pending = await cluster.Hive.Messages.ReceiveAsync("checker-1", 10);
        Assert.Equal(sent, pending.Select(m => (m.Sequence, m.Body)));
        Assert.Contains("\"status\": \"awaiting-approval\"", after, StringComparison.Ordinal);
        Assert.Contains("\"status\": \"mitigating\"", after, StringComparison.Ordinal);
    }

    /// <summary>
    /// The whole hive as the export command writes it, without what a restart rightly changes: when it was taken,
    /// and each agent's last heartbeat and load, which live in the agent's activation (a restarted silo gives every
    /// agent a fresh heartbeat deadline rather than a false alarm).
    /// </summary>
    private async Task<string> SnapshotAsync()
    {
        var snapshot = await SnapshotExporter.ExportAsync(cluster.Hive, null, Source, DateTimeOffset.UnixEpoch);
        var root = JsonNode.Parse(ConsoleJson.Serialize(snapshot))!.AsObject();
        root.Remove("exportedAt");
        foreach (var agent in root["agents"]!.AsArray().Select(a => a!.AsObject()))
        {
            agent.Remove("lastHeartbeat");
            agent.Remove("load");
        }
        return root.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }
}
