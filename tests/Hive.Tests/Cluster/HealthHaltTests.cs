using static Hive.Tests.Cluster.AgentTestKit;

namespace Hive.Tests.Cluster;

/// <summary>
/// The halt switch: an operator, or an agent of a halting role, stops every task and memory change from clients
/// until resumed; reads, heartbeats, escalations and messages go on. Halts are audited and raised as an alert.
/// </summary>
public abstract class HealthHaltTests(HealthClusterFixture hive) : IAsyncLifetime
{
    private const string Operator = HealthClusterFixture.Operator;
    private const string Reason = "bad deploy under investigation";

    private HiveClient Hive => hive.Hive;

    public Task InitializeAsync() => hive.RestoreAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Runs a call the halt must stop: "halted", saying who halted and why.</summary>
    private static async Task Halted(Func<Task> call)
    {
        var error = await Rejects(HiveErrorCodes.Halted, call);
        Assert.Contains(Reason, error.Message, StringComparison.Ordinal);
        Assert.Contains(Operator, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_halt_stops_task_and_memory_changes_while_reads_heartbeats_escalations_and_messages_go_on()
    {
        var since = hive.Mark();
        var alertsBefore = hive.Alerts.History.Count;
        try
        {
            var (worker, role) = await ReadyAsync(Hive);
            var (claimer, otherRole) = await ReadyAsync(Hive);
            var held = HiveClusterFixture.NewId("task");
            await Hive.Tasks.CreateAsync(new TaskSpec(held, "Migrate schema", "chore", PrimaryRole: role), "tester");
            Assert.Equal(held, (await Hive.Agents.ClaimNextAsync(worker))?.Id);
            var waiting = HiveClusterFixture.NewId("task");
            await Hive.Tasks.CreateAsync(new TaskSpec(waiting, "Backfill", "chore", PrimaryRole: otherRole), "tester");
            var memory = new MemoryTestSpace(hive);
            var entry = await memory.PutAsync("plan", """{"step":1}""");

            var halt = await Hive.Health.HaltAsync(Operator, Reason);
            Assert.Equal((true, Operator, Reason, ServiceLevel.Full), (halt.Halted, halt.HaltedBy, halt.HaltReason, halt.Level));
            await hive.UntilEverySiloEnforces(halt);

            var created = HiveClusterFixture.NewId("task");
            await Halted(() => Hive.Tasks.CreateAsync(new TaskSpec(created, "New work", "chore", PrimaryRole: role), "tester"));
            await Halted(() => Hive.Agents.ClaimAsync(claimer, waiting));
            await Halted(() => Hive.Agents.ClaimNextAsync(claimer));
            await Halted(() => Hive.Tasks.ReportProgressAsync(held, worker, 50));
            await Halted(() => Hive.Tasks.CompleteAsync(held, worker, "done"));
            await Halted(() => Hive.Tasks.CancelAsync(held, Operator, "abandon"));
            await Halted(() => memory.PutAsync("plan", """{"step":2}"""));
            await Halted(() => memory.Memory.DeleteAsync(memory.Ns, memory.Channel, "plan", "tester"));

            // Nothing changed.
            await Rejects(HiveErrorCodes.NotFound, () => Hive.Tasks.GetAsync(created));
            var heldNow = await Hive.Tasks.GetAsync(held);
            Assert.Equal((HiveTaskStatus.Assigned, worker, 0), (heldNow.Status, heldNow.AssignedAgent, heldNow.ProgressPercent));
            Assert.Equal((HiveTaskStatus.Ready, (string?)null), ((await Hive.Tasks.GetAsync(waiting)).Status, (await Hive.Tasks.GetAsync(waiting)).AssignedAgent));
            Assert.Equal(AgentStatus.Ready, (await Hive.Agents.GetAsync(claimer)).Status);
            Assert.Equal(entry, await memory.Memory.GetAsync(memory.Ns, memory.Channel, "plan"));

            // Still going: reads, heartbeats, escalations, messages.
            Assert.Contains((await Hive.Tasks.ListAsync(new TaskQuery(AssignedAgent: worker))).Items, t => t.Id == held);
            Assert.Equal(AgentStatus.Busy, (await Hive.Agents.HeartbeatAsync(worker, 0.5)).Status);
            var escalation = await Hive.Escalations.RaiseAsync(EscalationTestKit.Spec(HiveClusterFixture.NewId("esc"), Severity.High, worker), worker);
            Assert.Equal(EscalationStatus.Open, escalation.Status);
            var sequence = await Hive.Messages.SendAsync(new MessageDraft(worker, "notice", "halted", "waiting for the all-clear", To: claimer));
            var message = Assert.Single(await Hive.Messages.ReceiveAsync(claimer));
            Assert.Equal((sequence, worker), (message.Sequence, message.From));
            Assert.Equal(1, await Hive.Messages.AckAsync(claimer, [sequence]));

            var resumed = await Hive.Health.ResumeAsync(Operator);
            Assert.Equal((false, (string?)null, (string?)null), (resumed.Halted, resumed.HaltedBy, resumed.HaltReason));
            await hive.UntilEverySiloEnforces(resumed);

            Assert.Equal(50, (await Hive.Tasks.ReportProgressAsync(held, worker, 50)).ProgressPercent);
            Assert.Equal(HiveTaskStatus.Ready, (await Hive.Tasks.CreateAsync(new TaskSpec(created, "New work", "chore", PrimaryRole: role), "tester")).Status);
            Assert.Equal(entry.Version + 1, (await memory.PutAsync("plan", """{"step":2}""")).Version);

            var audit = await hive.HealthAuditSince(since);
            Assert.Equal(["halted", "resumed"], audit.Select(e => e.Action));
            Assert.All(audit, e => Assert.Equal(Operator, e.Actor));
            Assert.Equal(Reason, audit[0].Details);
            var key = HealthClusterFixture.HaltAlert;
            Assert.Equal(["raised " + key, "cleared " + key], hive.AlertHistorySince(alertsBefore, key));
            Assert.Equal(EscalationStatus.Resolved, (await Hive.Escalations.GetAsync(AlertKeys.EscalationIdFor(key))).Status);
        }
        finally
        {
            await hive.RestoreAsync();
        }
    }

    [Fact]
    public async Task A_quality_agent_may_halt_and_resume_but_an_agent_without_the_role_or_a_stranger_may_not()
    {
        var since = hive.Mark();
        try
        {
            var (quality, _) = await RegisterAsync(Hive, "quality");
            var (builder, _) = await RegisterAsync(Hive, "builder");

            await Rejects(HiveErrorCodes.Forbidden, () => Hive.Health.HaltAsync(builder, "I do not like this build"));
            await Rejects(HiveErrorCodes.Forbidden, () => Hive.Health.HaltAsync(HiveClusterFixture.NewId("stranger"), "who am I"));
            Assert.False((await Hive.Health.GetStatusAsync()).Halted);

            var halted = await Hive.Health.HaltAsync(quality, "test suite is red on main");
            Assert.Equal((true, quality, "test suite is red on main"), (halted.Halted, halted.HaltedBy, halted.HaltReason));

            await Rejects(HiveErrorCodes.Forbidden, () => Hive.Health.ResumeAsync(builder));
            Assert.True((await Hive.Health.GetStatusAsync()).Halted);

            var resumed = await Hive.Health.ResumeAsync(quality);
            Assert.False(resumed.Halted);
            var events = (await hive.HealthAuditSince(since)).Where(e => e.Action is "halted" or "resumed").ToArray();
            Assert.Equal([("halted", quality), ("resumed", quality)], events.Select(e => (e.Action, e.Actor)));
        }
        finally
        {
            await hive.RestoreAsync();
        }
    }

    [Fact]
    public async Task A_halt_the_alert_sink_refuses_at_first_still_halts_once_and_its_alert_follows()
    {
        var since = hive.Mark();
        var alertsBefore = hive.Alerts.History.Count;
        try
        {
            hive.Alerts.FailNext(2);

            var halted = await Hive.Health.HaltAsync(Operator, Reason);

            Assert.True(halted.Halted);
            await HiveClusterFixture.Eventually(() => Task.FromResult(hive.AlertHistorySince(alertsBefore, HealthClusterFixture.HaltAlert).Count == 1),
                "the halt alert reached the sink after its failures");
            Assert.Single(await hive.HealthAuditSince(since), e => e.Action == "halted");
            Assert.Equal(halted, await Hive.Health.GetStatusAsync());
        }
        finally
        {
            hive.Alerts.FailNext(0);
            await hive.RestoreAsync();
        }
    }

    [Fact]
    public async Task Halting_a_halted_hive_or_resuming_a_running_one_is_an_invalid_transition()
    {
        try
        {
            await Rejects(HiveErrorCodes.InvalidTransition, () => Hive.Health.ResumeAsync(Operator));

            var halted = await Hive.Health.HaltAsync(Operator, Reason);

            var twice = await Rejects(HiveErrorCodes.InvalidTransition, () => Hive.Health.HaltAsync("operator:bob", "me too"));
            Assert.Contains(Reason, twice.Message, StringComparison.Ordinal);
            Assert.Equal(halted, await Hive.Health.GetStatusAsync());

            await Hive.Health.ResumeAsync(Operator);
            await Rejects(HiveErrorCodes.InvalidTransition, () => Hive.Health.ResumeAsync(Operator));
        }
        finally
        {
            await hive.RestoreAsync();
        }
    }

    public static TheoryData<string, string> BadHalts() => new()
    {
        { Operator, "" },
        { Operator, "  " },
        { Operator, new string('x', Limits.MaxTextLength + 1) },
        { "not an actor!", Reason },
    };

    [Theory]
    [MemberData(nameof(BadHalts))]
    public async Task A_halt_without_a_valid_actor_and_reason_is_refused_and_changes_nothing(string actor, string reason)
    {
        var before = await Hive.Health.GetStatusAsync();

        await Rejects(HiveErrorCodes.Validation, () => Hive.Health.HaltAsync(actor, reason));

        Assert.Equal(before, await Hive.Health.GetStatusAsync());
    }
}

[Trait("Category", "Cluster")]
[Collection(HealthClusterCollection.Name)]
public sealed class HealthHaltTestsInMemory(HealthClusterFixture hive) : HealthHaltTests(hive);
