using static Hive.Health.ServiceLevel;
using static Hive.Tests.Cluster.AgentTestKit;

namespace Hive.Tests.Cluster;

/// <summary>
/// What each service level accepts from clients, through Hive.Client: the silo's filter refuses what the level does
/// not allow with "degraded" and a retry-after. Calls between grains pass, so work already accepted finishes.
/// Each test pins the level and waits until every silo's cached copy enforces it.
/// </summary>
[Trait("Category", "Cluster")]
[Collection(HealthClusterCollection.Name)]
public sealed class HealthEnforcementTests(HealthClusterFixture hive) : IAsyncLifetime
{
    private const string Operator = HealthClusterFixture.Operator;

    private HiveClient Hive => hive.Hive;

    public Task InitializeAsync() => hive.RestoreAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Runs a call the level must refuse: "degraded", naming the level, with the time a level takes to recover as retry-after.</summary>
    private static async Task<HiveException> Degraded(ServiceLevel level, Func<Task> call)
    {
        var error = await Rejects(HiveErrorCodes.Degraded, call);
        Assert.Contains($"runs at {level} service", error.Message, StringComparison.Ordinal);
        Assert.Equal(HealthClusterFixture.RetryAfter, error.RetryAfter);
        Assert.True(HiveErrorCodes.IsTransient(error.Code));
        return error;
    }

    /// <summary>A ready worker holding a claimed task, a peer to message, and a memory key with a value.</summary>
    private async Task<(string Worker, string Peer, string Task, MemoryTestSpace Memory, long MemoryVersion)> SetUpAsync()
    {
        var (worker, role) = await ReadyAsync(Hive);
        var (peer, _) = await ReadyAsync(Hive);
        var task = HiveClusterFixture.NewId("task");
        await Hive.Tasks.CreateAsync(new TaskSpec(task, "Reindex search", "chore", PrimaryRole: role), "tester");
        Assert.Equal(task, (await Hive.Agents.ClaimNextAsync(worker))?.Id);
        var memory = new MemoryTestSpace(hive);
        var entry = await memory.PutAsync("plan", """{"step":1}""");
        return (worker, peer, task, memory, entry.Version);
    }

    private async Task<HiveHealthStatus> PinAndWaitAsync(ServiceLevel level)
    {
        var pinned = await Hive.Health.PinAsync(level, Operator, $"enforcement test at {level}");
        Assert.Equal(level, pinned.Level);
        await hive.UntilEverySiloEnforces(pinned);
        return pinned;
    }

    [Fact]
    public async Task At_reduced_service_the_client_may_still_do_everything()
    {
        try
        {
            var (worker, peer, _, memory, version) = await SetUpAsync();
            await PinAndWaitAsync(Reduced);

            var task = HiveClusterFixture.NewId("task");
            Assert.Equal(HiveTaskStatus.Ready, (await Hive.Tasks.CreateAsync(new TaskSpec(task, "Accepted", "chore", PrimaryRole: "nobody"), "tester")).Status);
            Assert.Equal(version + 1, (await memory.PutAsync("plan", """{"step":2}""")).Version);
            Assert.True(await Hive.Messages.SendAsync(new MessageDraft(worker, "notice", "hello", "", To: peer)) > 0);
            var (late, _) = await RegisterAsync(Hive);
            Assert.Equal(AgentStatus.Registered, (await Hive.Agents.GetAsync(late)).Status);
        }
        finally
        {
            await hive.RestoreAsync();
        }
    }

    [Fact]
    public async Task At_essential_service_creating_writing_sending_and_registering_are_refused_while_the_rest_goes_on()
    {
        try
        {
            var (worker, peer, held, memory, version) = await SetUpAsync();
            var (spare, _) = await ReadyAsync(Hive);
            await PinAndWaitAsync(Essential);

            // Refused, and nothing changed.
            var created = HiveClusterFixture.NewId("task");
            var refused = await Degraded(Essential, () => Hive.Tasks.CreateAsync(new TaskSpec(created, "Too late", "chore", PrimaryRole: "nobody"), "tester"));
            Assert.Contains("TaskWrite", refused.Message, StringComparison.Ordinal);
            await Rejects(HiveErrorCodes.NotFound, () => Hive.Tasks.GetAsync(created));

            await Degraded(Essential, () => memory.PutAsync("plan", """{"step":2}"""));
            await Degraded(Essential, () => memory.Memory.DeleteAsync(memory.Ns, memory.Channel, "plan", "tester"));
            var entry = await memory.Memory.GetAsync(memory.Ns, memory.Channel, "plan");
            Assert.Equal((version, """{"step":1}"""), (entry!.Version, entry.Value));

            await Degraded(Essential, () => Hive.Messages.SendAsync(new MessageDraft(worker, "notice", "hello", "", To: peer)));
            Assert.Equal(0, (await Hive.Messages.InboxSizeAsync(peer)).Pending);

            var newcomer = HiveClusterFixture.NewId("agent");
            await Degraded(Essential, () => Hive.Agents.RegisterAsync(new AgentSpec(newcomer, "Newcomer", ["builder"])));
            await Rejects(HiveErrorCodes.NotFound, () => Hive.Agents.GetAsync(newcomer));

            // Accepted: heartbeats, the assignee's progress, escalations, reads, operator commands.
            Assert.Equal(AgentStatus.Busy, (await Hive.Agents.HeartbeatAsync(worker, 0.7)).Status);
            var progressed = await Hive.Tasks.ReportProgressAsync(held, worker, 40, "halfway");
            Assert.Equal((HiveTaskStatus.InProgress, 40), (progressed.Status, progressed.ProgressPercent));
            var escalation = await Hive.Escalations.RaiseAsync(EscalationTestKit.Spec(HiveClusterFixture.NewId("esc"), Severity.High, worker), "tester");
            Assert.Equal(EscalationStatus.Open, escalation.Status);
            Assert.Equal(40, (await Hive.Tasks.GetAsync(held)).ProgressPercent);
            Assert.Contains((await Hive.Tasks.ListAsync(new TaskQuery(AssignedAgent: worker))).Items, t => t.Id == held);
            Assert.Empty(await Hive.Messages.ReceiveAsync(peer));
            Assert.Equal(AgentStatus.Suspended, (await Hive.Agents.SuspendAsync(spare, Operator, "rebalancing")).Status);
        }
        finally
        {
            await hive.RestoreAsync();
        }
    }

    [Fact]
    public async Task At_emergency_service_task_progress_is_refused_while_heartbeats_reads_escalations_and_unpinning_go_on()
    {
        try
        {
            var (worker, _, held, memory, _) = await SetUpAsync();
            await PinAndWaitAsync(Emergency);

            await Degraded(Emergency, () => Hive.Tasks.ReportProgressAsync(held, worker, 40));
            await Degraded(Emergency, () => Hive.Tasks.CompleteAsync(held, worker, "done"));
            await Degraded(Emergency, () => memory.PutAsync("plan", """{"step":2}"""));
            var unchanged = await Hive.Tasks.GetAsync(held);
            Assert.Equal((HiveTaskStatus.Assigned, 0), (unchanged.Status, unchanged.ProgressPercent));

            Assert.Equal(AgentStatus.Busy, (await Hive.Agents.HeartbeatAsync(worker, 0.9)).Status);
            Assert.Equal(worker, (await Hive.Agents.GetAsync(worker)).Id);
            Assert.NotNull(await memory.Memory.GetAsync(memory.Ns, memory.Channel, "plan"));
            var escalation = await Hive.Escalations.RaiseAsync(EscalationTestKit.Spec(HiveClusterFixture.NewId("esc"), Severity.Critical, worker), "tester");
            Assert.Equal(EscalationStatus.Acknowledged, (await Hive.Escalations.AcknowledgeAsync(escalation.Id, worker, "on it")).Status);

            var unpinned = await Hive.Health.UnpinAsync(Operator);
            Assert.Equal(Full, unpinned.Level);
            await hive.UntilEverySiloEnforces(unpinned);

            Assert.Equal(40, (await Hive.Tasks.ReportProgressAsync(held, worker, 40)).ProgressPercent);
        }
        finally
        {
            await hive.RestoreAsync();
        }
    }

    [Fact]
    public async Task At_emergency_service_deadlines_the_hive_already_accepted_still_fire_and_notify()
    {
        var kit = new EscalationTestKit(hive);
        try
        {
            var (worker, role) = await ReadyAsync(Hive);
            var supporter = await kit.AgentAsync("supporter");
            var escalation = (await kit.RaiseAsync(Severity.Critical, [supporter])).Id;
            var task = HiveClusterFixture.NewId("task");
            await Hive.Tasks.CreateAsync(new TaskSpec(task, "Rotate keys", "chore", PrimaryRole: role, TimeBudget: TimeSpan.FromSeconds(10)), "tester");
            Assert.Equal(task, (await Hive.Agents.ClaimNextAsync(worker))?.Id);
            await PinAndWaitAsync(Emergency);
            // The client may no longer message the supporter ...
            await Degraded(Emergency, () => Hive.Messages.SendAsync(new MessageDraft(worker, "notice", "ping", "", To: supporter)));

            hive.Advance(EscalationTestKit.DefaultDeadline[Severity.Critical] + TimeSpan.FromSeconds(1));

            // ... but the escalation's missed deadline, a call between grains, still delivers its notice.
            var missed = await kit.UntilAsync(escalation, e => e.MissedDeadlines >= 1, "missed its deadline at emergency service");
            Assert.Equal((Severity.Critical, 1), (missed.Severity, missed.MissedDeadlines));
            await HiveClusterFixture.Eventually(async () => (await Hive.Messages.InboxSizeAsync(supporter)).Pending >= 1,
                $"{supporter} holds the escalation notice");
            var notice = Assert.Single(await Hive.Messages.ReceiveAsync(supporter));
            Assert.Equal((HiveStorage.SystemActor, escalation), (notice.From, notice.CorrelationId));

            // The task's time budget ran out too, and its overdue escalation was raised.
            await HiveClusterFixture.Eventually(() => Task.FromResult(hive.Alerts.Open.Any(a => a.Key == "task-overdue/" + task)),
                $"task {task} is reported overdue");
            var overdue = await kit.UntilAsync(AlertKeys.EscalationIdFor("task-overdue/" + task), _ => true, "was raised for the overdue task");
            Assert.Equal(EscalationStatus.Open, overdue.Status);
        }
        finally
        {
            await hive.RestoreAsync();
        }
    }
}
