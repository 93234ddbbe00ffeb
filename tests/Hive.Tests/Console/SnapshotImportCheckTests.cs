using Hive.Console.Cli;
using Hive.Console.Output;
using Hive.Console.Snapshots;

namespace Hive.Tests.Console;

/// <summary>
/// An import the target hive would refuse part of is refused whole, before the first write: it is checked with the rules
/// the hive applies to each write it will make, against the limits the target is configured with.
/// </summary>
[Trait("Category", "Cluster")]
[Collection(SnapshotHivesCollection.Name)]
public sealed class SnapshotImportCheckTests(SnapshotHives hives) : IDisposable
{
    private static readonly DateTimeOffset At = SnapshotHives.Start;
    private readonly string _dir = Directory.CreateTempSubdirectory("hive-import-checks").FullName;
    private readonly string _agent = HiveClusterFixture.NewId("agent");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private AgentRecord Agent(params string[] roles) => new(new AgentSpec(_agent, "Agent " + _agent, roles), AgentStatus.Ready, false, null, null, At, At, 0.1);

    private static MemoryRecord Value(string json, DateTimeOffset? expiresAt = null) =>
        new(HiveClusterFixture.NewId("ns"), "ch", "k", json, "writer-1", 1, At, expiresAt);

    /// <summary>Writes a snapshot of one fresh agent and the given entities; the import of it is refused if that agent is not written.</summary>
    private string Write(IReadOnlyList<TaskRecord>? tasks = null, IReadOnlyList<MemoryRecord>? memory = null,
        IReadOnlyList<EscalationRecord>? escalations = null, params string[] roles)
    {
        var snapshot = new HiveSnapshot(HiveSnapshot.CurrentFormat, At, new SnapshotSource([], "hive", "hive"), [],
            [Agent(roles.Length == 0 ? ["builder"] : roles)], tasks ?? [], memory ?? [], escalations ?? []);
        var path = Path.Combine(_dir, "snapshot.json");
        File.WriteAllText(path, ConsoleJson.Serialize(snapshot));
        return path;
    }

    private async Task<ConsoleResult> RefusedAsync(string path, string code)
    {
        var result = await ConsoleRun.RunAsync(ConsoleRun.Environment(hives.Target, hives.TargetTime), "import", path);
        result.Failed(code == HiveErrorCodes.Forbidden ? ExitCodes.Forbidden : ExitCodes.Rejected, code);
        await Assert.ThrowsAsync<HiveException>(() => hives.Target.Agents.GetAsync(_agent));
        return result;
    }

    [Fact]
    public async Task A_value_larger_than_the_target_keeps_is_refused_before_the_first_write_though_the_default_would_take_it()
    {
        var value = "\"" + new string('v', 5_000) + "\"";

        var limits = (await hives.Source.GetLimitsAsync(), await hives.Target.GetLimitsAsync());
        var refused = await RefusedAsync(Write(memory: [Value(value)]), "validation");

        Assert.Equal((65_536, SnapshotHives.TargetMaxValueBytes), (limits.Item1.MaxMemoryValueBytes, limits.Item2.MaxMemoryValueBytes));
        Assert.Contains($"at most {SnapshotHives.TargetMaxValueBytes} bytes", refused.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_time_to_live_left_beyond_thirty_days_is_refused_before_the_first_write()
    {
        var refused = await RefusedAsync(Write(memory: [Value("1", hives.TargetTime.GetUtcNow() + TimeSpan.FromDays(31))]), "validation");

        Assert.Contains("at most 30 days", refused.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_escalation_note_longer_than_the_hive_keeps_is_refused_before_the_first_write()
    {
        var escalation = new EscalationRecord(new EscalationSpec(HiveClusterFixture.NewId("esc"), Severity.High, "Trouble", "Something broke"),
            EscalationStatus.Resolved, Severity.High, 0, new string('r', Limits.MaxTextLength + 1), null, "raiser-1", null, At, At, null);

        var refused = await RefusedAsync(Write(escalations: [escalation]), "validation");

        Assert.Contains("its resolution must be 1–4096 characters", refused.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_source_hives_own_alerts_are_left_out_and_the_rest_is_imported()
    {
        var alertId = AlertKeys.EscalationIdFor(AlertKeys.AgentUnresponsive(_agent));
        var alert = new EscalationRecord(new EscalationSpec(alertId, Severity.High, "Agent unresponsive", "No heartbeat"),
            EscalationStatus.Open, Severity.High, 0, null, null, "system", null, At, At, At + TimeSpan.FromMinutes(5));
        var ordinary = new EscalationRecord(new EscalationSpec(HiveClusterFixture.NewId("esc"), Severity.Low, "Trouble", "Something broke"),
            EscalationStatus.Open, Severity.Low, 0, null, null, "raiser-1", null, At, At, At + TimeSpan.FromHours(4));

        var result = await ConsoleRun.RunAsync(ConsoleRun.Environment(hives.Target, hives.TargetTime), "import", Write(escalations: [alert, ordinary]));

        result.Succeeded();
        Assert.Contains($"left out the source hive's own alerts (this hive raises them while their cause holds): escalation/{alertId}", result.Out, StringComparison.Ordinal);
        Assert.Equal(ordinary.Spec.Id, (await hives.Target.Escalations.GetAsync(ordinary.Spec.Id)).Spec.Id);
        var missing = await Assert.ThrowsAsync<HiveException>(() => hives.Target.Escalations.GetAsync(alertId));
        Assert.Equal(HiveErrorCodes.NotFound, missing.Code);
    }

    [Fact]
    public async Task A_task_signed_off_by_the_agent_that_did_it_is_refused_before_the_first_write()
    {
        var spec = new TaskSpec(HiveClusterFixture.NewId("task"), "Build it", "build", PrimaryRole: "builder", RequiredApprovals: ["checker"]);
        var task = new TaskRecord(spec, HiveTaskStatus.Completed, _agent, 1, 100, null, [new Approval("checker", _agent, "fine by me", At)], null, "built",
            At, At, null);

        var refused = await RefusedAsync(Write(tasks: [task], roles: ["builder", "checker"]), "forbidden");

        Assert.Contains("did the work", refused.Err, StringComparison.Ordinal);
        await Assert.ThrowsAsync<HiveException>(() => hives.Target.Tasks.GetAsync(spec.Id));
    }
}
