using Hive.Console.Output;
using Hive.Console.Snapshots;

namespace Hive.Tests.Console;

/// <summary>
/// An imported agent has had no chance to heartbeat to this hive: it is not watched until its first heartbeat, however
/// long the import (or the move of its process) takes, and is watched like any agent after it.
/// </summary>
public abstract class ImportLivenessTests(HiveClusterFixture hive) : IDisposable
{
    private static readonly TimeSpan PastDeadline = HiveClusterFixture.HeartbeatDeadline + TimeSpan.FromSeconds(1);
    private readonly string _dir = Directory.CreateTempSubdirectory("hive-import-liveness").FullName;

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Imported_agents_free_or_holding_a_task_stay_as_imported_past_the_deadline_until_they_heartbeat()
    {
        var at = hive.Time.GetUtcNow();
        var role = HiveClusterFixture.NewId("role");
        var (idle, holder) = (HiveClusterFixture.NewId("agent"), HiveClusterFixture.NewId("agent"));
        var task = new TaskSpec(HiveClusterFixture.NewId("task"), "Long job", "build", PrimaryRole: role);
        AgentRecord Agent(string id, AgentStatus status, string? holds) =>
            new(new AgentSpec(id, "Agent " + id, [role]), status, false, holds, null, at, at, 0.2);
        var snapshot = new HiveSnapshot(HiveSnapshot.CurrentFormat, at, new SnapshotSource([], "hive", "hive"), [],
            [Agent(idle, AgentStatus.Ready, null), Agent(holder, AgentStatus.Busy, task.Id)],
            [new TaskRecord(task, HiveTaskStatus.InProgress, holder, 1, 30, "a third", [], null, null, at, at, null)], [], []);
        var path = Path.Combine(_dir, "snapshot.json");
        await File.WriteAllTextAsync(path, ConsoleJson.Serialize(snapshot));

        (await ConsoleRun.RunAsync(hive, "import", path)).Succeeded();
        hive.Advance(PastDeadline);
        await Task.Delay(HiveClusterFixture.TickInterval * 8);

        Assert.Equal(AgentStatus.Registered, (await hive.Hive.Agents.GetAsync(idle)).Status);
        var busy = await hive.Hive.Agents.GetAsync(holder);
        Assert.Equal((AgentStatus.Busy, task.Id), (busy.Status, busy.CurrentTaskId));
        Assert.DoesNotContain(hive.Alerts.Open, a => a.Key.EndsWith(idle, StringComparison.Ordinal) || a.Key.EndsWith(holder, StringComparison.Ordinal));

        await hive.Hive.Agents.HeartbeatAsync(holder, 0.5);
        hive.Advance(PastDeadline);
        await HiveClusterFixture.Eventually(async () => (await hive.Hive.Agents.GetAsync(holder)).Status == AgentStatus.Unresponsive,
            $"agent {holder} is watched from its first heartbeat");
        Assert.Equal(AgentStatus.Registered, (await hive.Hive.Agents.GetAsync(idle)).Status);
    }
}

[Trait("Category", "Cluster")]
[Collection(HiveClusterCollection.Name)]
public sealed class ImportLivenessTestsInMemory(HiveClusterFixture hive) : ImportLivenessTests(hive);
