using static Hive.Health.ServiceLevel;
using static Hive.Tests.Cluster.AgentTestKit;

namespace Hive.Tests.Cluster;

/// <summary>An operator's pin holds the service level whatever the evaluation says, until unpinned; it survives the grain's reactivation.</summary>
public abstract class HealthPinTests(HealthClusterFixture hive) : IAsyncLifetime
{
    private const string Operator = HealthClusterFixture.Operator;

    private HiveClient Hive => hive.Hive;

    public Task InitializeAsync() => hive.RestoreAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_pin_holds_the_level_whatever_evaluation_says_until_unpinned()
    {
        var since = hive.Mark();
        var alertsBefore = hive.Alerts.History.Count;
        try
        {
            var pinned = await Hive.Health.PinAsync(Emergency, Operator, "failover rehearsal");
            Assert.Equal((Emergency, Full, (ServiceLevel?)Emergency, Operator), (pinned.Level, pinned.EvaluatedLevel, pinned.PinnedLevel, pinned.PinnedBy));

            // Healthy evaluations, more than enough to recover, do not move a pinned level.
            for (var i = 0; i < 2 * HealthClusterFixture.RecoveryEvaluations; i++)
            {
                var held = await hive.EvaluateAsync(HealthClusterFixture.Signals(cpu: 10));
                Assert.Equal((Emergency, Full), (held.Level, held.EvaluatedLevel));
            }

            // A bad signal moves the evaluated level underneath the pin, and the reason says what degraded it.
            var underneath = await hive.EvaluateAsync(HealthClusterFixture.Signals(cpu: 91));
            Assert.Equal((Emergency, Essential, (ServiceLevel?)Emergency), (underneath.Level, underneath.EvaluatedLevel, underneath.PinnedLevel));
            Assert.Contains("CPU 91%", underneath.Reason, StringComparison.Ordinal);
            Assert.False(underneath.Reason.StartsWith("recovering", StringComparison.Ordinal),
                $"Degrading from full to essential under a pin is not a recovery: '{underneath.Reason}'");
            Assert.Equal(underneath, await Hive.Health.GetStatusAsync());

            var unpinned = await Hive.Health.UnpinAsync(Operator);
            Assert.Equal((Essential, Essential, (ServiceLevel?)null, (string?)null), (unpinned.Level, unpinned.EvaluatedLevel, unpinned.PinnedLevel, unpinned.PinnedBy));

            var audit = await hive.HealthAuditSince(since);
            var pin = Assert.Single(audit, e => e.Action == "level-pinned");
            Assert.Equal((Operator, "Full", "Emergency"), (pin.Actor, pin.From, pin.To));
            Assert.Contains("failover rehearsal", pin.Details, StringComparison.Ordinal);
            var unpin = Assert.Single(audit, e => e.Action == "level-unpinned");
            Assert.Equal((Operator, "Emergency", "Essential"), (unpin.Actor, unpin.From, unpin.To));
            var key = HealthClusterFixture.LevelAlert;
            Assert.Equal(["raised " + key, "cleared " + key, "raised " + key], hive.AlertHistorySince(alertsBefore, key));
        }
        finally
        {
            await hive.RestoreAsync();
        }
    }

    [Fact]
    public async Task Pinning_at_full_holds_full_service_while_the_signals_are_bad()
    {
        try
        {
            Assert.Equal(Emergency, (await hive.EvaluateAsync(HealthClusterFixture.Signals(memory: 99))).Level);

            var pinned = await Hive.Health.PinAsync(Full, Operator, "the memory reading is a known false alarm");
            Assert.Equal((Full, Emergency), (pinned.Level, pinned.EvaluatedLevel));
            await hive.UntilEverySiloEnforces(pinned);

            var task = HiveClusterFixture.NewId("task");
            Assert.Equal(task, (await Hive.Tasks.CreateAsync(new TaskSpec(task, "Still accepted", "chore", PrimaryRole: "nobody"), "tester")).Id);
        }
        finally
        {
            await hive.RestoreAsync();
        }
    }

    [Fact]
    public async Task Unpinning_a_level_that_is_not_pinned_is_an_invalid_transition()
    {
        var before = await Hive.Health.GetStatusAsync();

        await Rejects(HiveErrorCodes.InvalidTransition, () => Hive.Health.UnpinAsync(Operator));

        Assert.Equal(before, await Hive.Health.GetStatusAsync());
    }

    public static TheoryData<ServiceLevel, string, string> BadPins() => new()
    {
        { Essential, Operator, "" },
        { Essential, Operator, "   " },
        { Essential, Operator, new string('x', Limits.MaxTextLength + 1) },
        { (ServiceLevel)7, Operator, "no such level" },
        { Essential, "not an actor!", "bad actor" },
        { Essential, "", "no actor" },
    };

    [Theory]
    [MemberData(nameof(BadPins))]
    public async Task A_pin_without_a_valid_level_actor_and_reason_is_refused_and_changes_nothing(ServiceLevel level, string actor, string reason)
    {
        var before = await Hive.Health.GetStatusAsync();

        await Rejects(HiveErrorCodes.Validation, () => Hive.Health.PinAsync(level, actor, reason));

        Assert.Equal(before, await Hive.Health.GetStatusAsync());
    }

    [Fact]
    public async Task The_pin_and_the_halt_survive_the_health_grain_s_reactivation_and_resuming_forgets_who_halted()
    {
        try
        {
            await Hive.Health.PinAsync(Essential, Operator, "maintenance window");
            var halted = await Hive.Health.HaltAsync(Operator, "schema migration");

            await hive.Cluster.DeactivateAsync(hive.Health);

            Assert.Equal(halted, await Hive.Health.GetStatusAsync());

            // Resume last, so no later write can make up for what the resume itself persisted.
            await Hive.Health.UnpinAsync(Operator);
            var running = await Hive.Health.ResumeAsync(Operator);
            Assert.Equal((false, (string?)null, (string?)null), (running.Halted, running.HaltedBy, running.HaltReason));

            await hive.Cluster.DeactivateAsync(hive.Health);

            var reloaded = await Hive.Health.GetStatusAsync();
            Assert.Equal(running, reloaded);
            Assert.Equal((Full, (ServiceLevel?)null, (string?)null, false, (string?)null, (string?)null),
                (reloaded.Level, reloaded.PinnedLevel, reloaded.PinnedBy, reloaded.Halted, reloaded.HaltedBy, reloaded.HaltReason));
        }
        finally
        {
            await hive.RestoreAsync();
        }
    }
}

[Trait("Category", "Cluster")]
[Collection(HealthClusterCollection.Name)]
public sealed class HealthPinTestsInMemory(HealthClusterFixture hive) : HealthPinTests(hive);
