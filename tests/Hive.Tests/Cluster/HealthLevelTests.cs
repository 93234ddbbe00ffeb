using static Hive.Health.ServiceLevel;
using static Hive.Tests.Cluster.AgentTestKit;

namespace Hive.Tests.Cluster;

/// <summary>
/// How the health grain moves the service level on the signals it is fed: down at once, up one level per
/// <see cref="HealthClusterFixture.RecoveryEvaluations"/> healthy evaluations, every change audited and escalated.
/// Each test evaluates by hand; the grain's own timer is too slow to run during one.
/// </summary>
public abstract class HealthLevelTests(HealthClusterFixture hive) : IAsyncLifetime
{
    private static readonly string LevelEscalation = AlertKeys.EscalationIdFor(HealthClusterFixture.LevelAlert);

    private HiveClient Hive => hive.Hive;

    public Task InitializeAsync() => hive.RestoreAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_bad_signal_degrades_at_once_and_the_hive_recovers_one_level_per_three_healthy_evaluations()
    {
        var since = hive.Mark();
        var alertsBefore = hive.Alerts.History.Count;
        try
        {
            var emergency = await hive.EvaluateAsync(HealthClusterFixture.Signals(cpu: 99));

            Assert.Equal((Emergency, Emergency, (ServiceLevel?)null), (emergency.Level, emergency.EvaluatedLevel, emergency.PinnedLevel));
            Assert.Contains("CPU 99%", emergency.Reason, StringComparison.Ordinal);
            Assert.Contains(HealthClusterFixture.TestSilo, emergency.Reason, StringComparison.Ordinal);
            Assert.Equal((EscalationStatus.Open, Severity.Critical), await LevelEscalationNow());

            // Still bad: the level holds and nothing is written.
            for (var i = 0; i < HealthClusterFixture.RecoveryEvaluations + 1; i++)
            {
                var held = await hive.EvaluateAsync(HealthClusterFixture.Signals(cpu: 99));
                Assert.Equal((Emergency, emergency.Version), (held.Level, held.Version));
            }

            var levels = new List<ServiceLevel>();
            var escalations = new List<(EscalationStatus, Severity)>();
            for (var i = 0; i < 3 * HealthClusterFixture.RecoveryEvaluations; i++)
            {
                var status = await hive.EvaluateAsync(HealthClusterFixture.Signals(cpu: 10));
                levels.Add(status.Level);
                if (i % HealthClusterFixture.RecoveryEvaluations == HealthClusterFixture.RecoveryEvaluations - 1)
                    escalations.Add(await LevelEscalationNow());
            }

            Assert.Equal([Emergency, Emergency, Essential, Essential, Essential, Reduced, Reduced, Reduced, Full], levels);
            Assert.Equal(
                [(EscalationStatus.Open, Severity.High), (EscalationStatus.Open, Severity.Medium), (EscalationStatus.Resolved, Severity.Medium)],
                escalations);
            var changes = (await hive.HealthAuditSince(since)).Where(e => e.Action == "level-evaluated").ToArray();
            Assert.Equal(
                new (string?, string?)[] { ("Full", "Emergency"), ("Emergency", "Essential"), ("Essential", "Reduced"), ("Reduced", "Full") },
                changes.Select(e => (e.From, e.To)));
            Assert.All(changes, e => Assert.Equal(HiveStorage.SystemActor, e.Actor));
            Assert.All(changes.Skip(1), e => Assert.StartsWith("recovering", e.Details, StringComparison.Ordinal));
            var key = HealthClusterFixture.LevelAlert;
            Assert.Equal(
                ["raised " + key, "cleared " + key, "raised " + key, "cleared " + key, "raised " + key, "cleared " + key],
                hive.AlertHistorySince(alertsBefore, key));
        }
        finally
        {
            await hive.RestoreAsync();
        }
    }

    [Fact]
    public async Task The_worst_of_several_silos_sets_the_level_and_one_step_worse_degrades_again_at_once()
    {
        try
        {
            var reduced = await hive.EvaluateAsync(HealthClusterFixture.Signals(memory: 85));
            Assert.Equal(Reduced, reduced.Level);
            Assert.Contains("memory", reduced.Reason, StringComparison.Ordinal);

            await hive.ReportAsync(HealthClusterFixture.Signals(cpu: 10, silo: "test-silo-b"));
            var still = await hive.EvaluateAsync(HealthClusterFixture.Signals(memory: 85));
            Assert.Equal((Reduced, reduced.Version), (still.Level, still.Version));

            var essential = await hive.EvaluateAsync(HealthClusterFixture.Signals(storageLatencyMs: 300, silo: "test-silo-b"));
            Assert.Equal(Essential, essential.Level);
            Assert.Contains("storage latency", essential.Reason, StringComparison.Ordinal);
            Assert.Contains("test-silo-b", essential.Reason, StringComparison.Ordinal);

            var circuit = await hive.EvaluateAsync(HealthClusterFixture.Signals(storageCircuitOpen: true));
            Assert.Equal(Essential, circuit.Level);
            var emergency = await hive.EvaluateAsync(HealthClusterFixture.Signals(failedCallRate: 0.6));
            Assert.Equal(Emergency, emergency.Level);
            Assert.Contains("failing", emergency.Reason, StringComparison.Ordinal);
        }
        finally
        {
            await hive.RestoreAsync();
        }
    }

    [Fact]
    public async Task A_bad_evaluation_during_recovery_starts_the_healthy_streak_again()
    {
        try
        {
            Assert.Equal(Essential, (await hive.EvaluateAsync(HealthClusterFixture.Signals(cpu: 91))).Level);
            await hive.EvaluateAsync(HealthClusterFixture.Signals(cpu: 10));
            await hive.EvaluateAsync(HealthClusterFixture.Signals(cpu: 10));
            Assert.Equal(Essential, (await hive.EvaluateAsync(HealthClusterFixture.Signals(cpu: 91))).Level);

            var levels = new List<ServiceLevel>();
            for (var i = 0; i < HealthClusterFixture.RecoveryEvaluations; i++) levels.Add((await hive.EvaluateAsync(HealthClusterFixture.Signals(cpu: 10))).Level);

            Assert.Equal([Essential, Essential, Reduced], levels);
        }
        finally
        {
            await hive.RestoreAsync();
        }
    }

    [Fact]
    public async Task A_report_received_longer_ago_than_the_signal_age_limit_is_ignored()
    {
        var limit = HealthClusterFixture.SignalMaxAge;
        try
        {
            var before = await hive.Health.GetStatus();
            await hive.ReportAsync(HealthClusterFixture.Signals(cpu: 99, silo: "old-silo"));
            hive.Advance(limit + TimeSpan.FromSeconds(1));
            var stale = await hive.Health.Evaluate();
            Assert.Equal((Full, before.Version), (stale.Level, stale.Version));

            // Exactly at the limit it still counts.
            await hive.ReportAsync(HealthClusterFixture.Signals(cpu: 80, silo: "old-silo"));
            hive.Advance(limit);
            var atLimit = await hive.Health.Evaluate();
            Assert.Equal(Reduced, atLimit.Level);
        }
        finally
        {
            await hive.RestoreAsync();
        }
    }

    [Fact]
    public async Task A_silo_that_stops_reporting_no_longer_holds_the_level_down()
    {
        try
        {
            Assert.Equal(Reduced, (await hive.EvaluateAsync(HealthClusterFixture.Signals(cpu: 80, silo: "gone-silo"))).Level);
            // While its report is fresh, it holds the level.
            for (var i = 0; i < HealthClusterFixture.RecoveryEvaluations; i++) Assert.Equal(Reduced, (await hive.Health.Evaluate()).Level);

            hive.Advance(HealthClusterFixture.SignalMaxAge + TimeSpan.FromSeconds(1));

            var levels = new List<ServiceLevel>();
            for (var i = 0; i < HealthClusterFixture.RecoveryEvaluations; i++) levels.Add((await hive.Health.Evaluate()).Level);
            Assert.Equal([Reduced, Reduced, Full], levels);
        }
        finally
        {
            await hive.RestoreAsync();
        }
    }

    [Fact]
    public async Task A_large_share_of_unresponsive_agents_degrades_the_level()
    {
        var live = (await hive.Catalog.QueryAsync(new Ports.CatalogQuery(Ports.EntityKind.Agent, PageSize: int.MaxValue)))
            .Where(r => r.Status != nameof(AgentStatus.Offline));
        Assert.Empty(live);
        try
        {
            var agents = new List<string>();
            for (var i = 0; i < 4; i++) agents.Add((await ReadyAsync(Hive)).Id);
            var (alive, silent) = (agents[0], agents.Skip(1).ToArray());
            Assert.Equal(Full, (await hive.Health.Evaluate()).Level);

            hive.Advance(HealthClusterFixture.HeartbeatDeadline - TimeSpan.FromSeconds(5));
            await Hive.Agents.HeartbeatAsync(alive, 0.1);
            hive.Advance(TimeSpan.FromSeconds(6));
            await HiveClusterFixture.Eventually(async () =>
            {
                var rows = await hive.Catalog.QueryAsync(new Ports.CatalogQuery(Ports.EntityKind.Agent, PageSize: int.MaxValue));
                return silent.All(id => rows.Any(r => r.Id == id && r.Status == nameof(AgentStatus.Unresponsive)));
            }, "the three silent agents are unresponsive in the catalog");
            Assert.Equal(AgentStatus.Ready, (await Hive.Agents.GetAsync(alive)).Status);

            // Three of four agents (75%) are silent: at least half, short of nine in ten.
            var essential = await hive.Health.Evaluate();
            Assert.Equal(Essential, essential.Level);
            Assert.Contains("agents unresponsive", essential.Reason, StringComparison.Ordinal);

            foreach (var id in silent) await Hive.Agents.HeartbeatAsync(id, 0.1);
            var levels = new List<ServiceLevel>();
            for (var i = 0; i < HealthClusterFixture.RecoveryEvaluations; i++) levels.Add((await hive.Health.Evaluate()).Level);
            Assert.Equal([Essential, Essential, Reduced], levels);
        }
        finally
        {
            await hive.RestoreAsync();
        }
    }

    private async Task<(EscalationStatus, Severity)> LevelEscalationNow()
    {
        var escalation = await Hive.Escalations.GetAsync(LevelEscalation);
        return (escalation.Status, escalation.Severity);
    }
}

[Trait("Category", "Cluster")]
[Collection(HealthClusterCollection.Name)]
public sealed class HealthLevelTestsInMemory(HealthClusterFixture hive) : HealthLevelTests(hive);
