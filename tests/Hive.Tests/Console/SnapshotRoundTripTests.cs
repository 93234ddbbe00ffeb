using System.Text.Json.Nodes;
using Hive.Console.Cli;
using Microsoft.Extensions.Time.Testing;

namespace Hive.Tests.Console;

/// <summary>
/// Export a filled hive, import it into an empty one, export again: the same snapshot, but for the fields
/// <see cref="SnapshotComparison"/> takes out and says why. Refused imports write nothing.
/// </summary>
[Trait("Category", "Cluster")]
[Collection(SnapshotHivesCollection.Name)]
public sealed class SnapshotRoundTripTests(SnapshotHives hives) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hive-snapshots").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Export_import_into_an_empty_hive_and_export_again_gives_the_same_snapshot()
    {
        await hives.FilledSourceAsync();
        var first = Path.Combine(_dir, "first.json");
        var broken = Path.Combine(_dir, "broken.json");
        var second = Path.Combine(_dir, "second.json");
        (await RunAsync(hives.Source, hives.SourceTime, "export", "-o", first)).Succeeded();
        var snapshot = JsonNode.Parse(await File.ReadAllTextAsync(first))!;
        snapshot["agents"]!.AsArray().Single(a => a!["spec"]!["id"]!.GetValue<string>() == "holder-1")!["currentTaskId"] = null;
        await File.WriteAllTextAsync(broken, snapshot.ToJsonString());

        var refused = await RunAsync(hives.Target, hives.TargetTime, "import", broken);
        Assert.Empty((await hives.Target.Agents.ListAsync()).Items);
        var imported = (await RunAsync(hives.Target, hives.TargetTime, "import", first)).Succeeded();
        (await RunAsync(hives.Target, hives.TargetTime, "export", "-o", second)).Succeeded();
        var again = await RunAsync(hives.Target, hives.TargetTime, "import", first);

        refused.Failed(ExitCodes.Rejected, "validation");
        Assert.Contains("holder-1", refused.Err, StringComparison.Ordinal);
        Assert.Contains("imported 8 agents, 9 tasks, 3 memory values and 5 escalations", imported.Out, StringComparison.Ordinal);
        Assert.Equal(SnapshotComparison.Comparable(await File.ReadAllTextAsync(first)), SnapshotComparison.Comparable(await File.ReadAllTextAsync(second)));
        again.Failed(ExitCodes.Rejected, "conflict");
        Assert.Contains("--force", again.Err, StringComparison.Ordinal);

        var held = await hives.Target.Tasks.GetAsync("t-held");
        Assert.Equal("t-held", (await hives.Target.Agents.GetAsync("holder-1")).CurrentTaskId);
        Assert.Equal(SnapshotHives.Start + TimeSpan.FromMinutes(30), held.Deadline);
        Assert.Equal("""{ "a": 1,  "b": [1, 2] }""", (await hives.Target.Memory.GetAsync("ns-a", "ch-1", "k1"))!.Value);
        Assert.Contains((await hives.Target.Audit.QueryAsync(new Audit.AuditQuery(Entity: "task/t-done"))).Items,
            e => e.Action == "restored" && e.Actor == ConsoleRun.Operator);
    }

    [Fact]
    public async Task Coordination_status_has_the_shape_of_seed_004()
    {
        await hives.FilledSourceAsync();

        var status = (await RunAsync(hives.Source, hives.SourceTime, "export", "--format", "coordination-status", "--phase", "1")).Succeeded().Json();

        Assert.Equal("1", status.GetProperty("phase").GetString());
        Assert.Equal("2026-03-01T09:00:00Z", status.GetProperty("timestamp").GetString());
        var holder = status.GetProperty("agents").GetProperty("holder-1");
        Assert.Equal("in_progress", holder.GetProperty("status").GetString());
        Assert.Equal("Long job", holder.GetProperty("current_task").GetString());
        Assert.Equal(40, holder.GetProperty("completion").GetInt32());
        Assert.Equal(System.Text.Json.JsonValueKind.Array, holder.GetProperty("blockers").ValueKind);
        Assert.Equal("Ship it", holder.GetProperty("next_milestone").GetString());
        Assert.Contains("t-blocked", status.GetProperty("agents").GetProperty("idle-1").GetProperty("blockers")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("passed", status.GetProperty("quality_gates").GetProperty("t-done").GetString());
        Assert.Equal("in_progress", status.GetProperty("quality_gates").GetProperty("t-await").GetString());
        Assert.Equal(["e-open"], status.GetProperty("critical_issues").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
    }

    private static Task<ConsoleResult> RunAsync(HiveClient hive, FakeTimeProvider time, params string[] args) =>
        ConsoleRun.RunAsync(ConsoleRun.Environment(hive, time), args);
}
