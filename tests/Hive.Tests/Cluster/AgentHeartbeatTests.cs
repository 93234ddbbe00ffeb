using static Hive.Tests.Cluster.AgentTestKit;

namespace Hive.Tests.Cluster;

/// <summary>
/// Heartbeat deadlines, driven by the fake clock. Each test moves time with <see cref="HiveClusterFixture.Advance"/>
/// and waits for the timer's effect with <see cref="HiveClusterFixture.Eventually"/>.
/// </summary>
public abstract class AgentHeartbeatTests(HiveClusterFixture hive)
{
    private static readonly TimeSpan PastDeadline = HiveClusterFixture.HeartbeatDeadline + TimeSpan.FromSeconds(1);
    private static readonly TimeSpan WithinDeadline = HiveClusterFixture.HeartbeatDeadline - TimeSpan.FromSeconds(5);

    /// <summary>Long enough for the check timer to tick several times; used only to show something did not happen.</summary>
    private static readonly TimeSpan SeveralTicks = HiveClusterFixture.TickInterval * 8;

    private HiveClient Hive => hive.Hive;

    private static string AlertKey(string id) => "agent-unresponsive/" + id;

    private bool AlertOpen(string id) => hive.Alerts.Open.Any(a => a.Key == AlertKey(id));

    private Task UntilStatus(string id, AgentStatus status) => HiveClusterFixture.Eventually(
        async () => (await Hive.Agents.GetAsync(id)).Status == status, $"agent {id} is {status}");

    [Fact]
    public async Task An_agent_that_misses_its_deadline_becomes_unresponsive_and_recovers_with_the_next_heartbeat()
    {
        var (id, _) = await ReadyAsync(Hive);

        hive.Advance(PastDeadline);

        await UntilStatus(id, AgentStatus.Unresponsive);
        await HiveClusterFixture.Eventually(() => Task.FromResult(AlertOpen(id)), $"the alert for {id} is open");
        var alert = hive.Alerts.Open.Single(a => a.Key == AlertKey(id));
        Assert.Equal("agent/" + id, alert.Entity);
        Assert.Contains(await AuditOf(Hive, id), e => e.Action == "missed-heartbeat" && e.Actor == HiveStorage.SystemActor);
        var escalationId = AlertKeys.EscalationIdFor(AlertKey(id));
        Assert.Equal(EscalationStatus.Open, (await Hive.Escalations.GetAsync(escalationId)).Status);

        var back = await Hive.Agents.HeartbeatAsync(id, 0.2);

        Assert.Equal(AgentStatus.Ready, back.Status);
        Assert.False(AlertOpen(id));
        Assert.Equal(EscalationStatus.Resolved, (await Hive.Escalations.GetAsync(escalationId)).Status);
        Assert.Contains("cleared " + AlertKey(id), hive.Alerts.History);
        Assert.Contains(await AuditOf(Hive, id), e => e.Action == "heartbeat" && e.From == "Unresponsive" && e.To == "Ready");
    }

    [Fact]
    public async Task An_alert_the_sink_refuses_stays_in_the_outbox_and_arrives_later()
    {
        var (id, _) = await ReadyAsync(Hive);
        hive.Alerts.FailNext(2);

        hive.Advance(PastDeadline);

        await UntilStatus(id, AgentStatus.Unresponsive);
        await HiveClusterFixture.Eventually(() => Task.FromResult(AlertOpen(id)), $"the alert for {id} arrives after the sink failed twice");
        var escalationId = AlertKeys.EscalationIdFor(AlertKey(id));
        Assert.Equal(EscalationStatus.Open, (await Hive.Escalations.GetAsync(escalationId)).Status);
        Assert.Single(await AuditOf(Hive, id), e => e.Action == "missed-heartbeat");
    }

    [Fact]
    public async Task A_registered_agent_that_never_heartbeats_becomes_unresponsive()
    {
        var (id, _) = await RegisterAsync(Hive);

        hive.Advance(PastDeadline);

        await UntilStatus(id, AgentStatus.Unresponsive);
        await HiveClusterFixture.Eventually(() => Task.FromResult(AlertOpen(id)), $"the alert for {id} is open");
    }

    [Fact]
    public async Task An_agent_that_heartbeats_in_time_stays_ready()
    {
        var (id, _) = await ReadyAsync(Hive);

        hive.Advance(WithinDeadline);
        await Hive.Agents.HeartbeatAsync(id, 0.4);
        hive.Advance(WithinDeadline);
        await Task.Delay(SeveralTicks);

        Assert.Equal(AgentStatus.Ready, (await Hive.Agents.GetAsync(id)).Status);
        Assert.False(AlertOpen(id));
        Assert.DoesNotContain("raised " + AlertKey(id), hive.Alerts.History);

        // The deadline counts from the last heartbeat, not the first: one more step past it is noticed.
        hive.Advance(TimeSpan.FromSeconds(10));
        await UntilStatus(id, AgentStatus.Unresponsive);
    }

    [Fact]
    public async Task An_unresponsive_agent_holding_a_task_comes_back_busy()
    {
        var (id, role) = await ReadyAsync(Hive);
        var task = HiveClusterFixture.NewId("task");
        await Hive.Tasks.CreateAsync(new TaskSpec(task, "Long job", "chore", PrimaryRole: role), "tester");
        await Hive.Agents.ClaimNextAsync(id);

        hive.Advance(PastDeadline);
        await UntilStatus(id, AgentStatus.Unresponsive);

        var back = await Hive.Agents.HeartbeatAsync(id, 0.9);
        Assert.Equal(AgentStatus.Busy, back.Status);
        Assert.Equal(task, back.CurrentTaskId);
        Assert.Contains("cleared " + AlertKey(id), hive.Alerts.History);
    }

    [Fact]
    public async Task A_suspended_agent_is_not_watched_and_gets_a_fresh_deadline_when_resumed()
    {
        var (id, _) = await ReadyAsync(Hive);
        await Hive.Agents.SuspendAsync(id, "ops", "maintenance");

        hive.Advance(PastDeadline * 2);
        await Task.Delay(SeveralTicks);
        Assert.Equal(AgentStatus.Suspended, (await Hive.Agents.GetAsync(id)).Status);
        Assert.DoesNotContain("raised " + AlertKey(id), hive.Alerts.History);

        Assert.Equal(AgentStatus.Ready, (await Hive.Agents.ResumeAsync(id, "ops")).Status);
        await Task.Delay(SeveralTicks);
        Assert.Equal(AgentStatus.Ready, (await Hive.Agents.GetAsync(id)).Status);

        hive.Advance(PastDeadline);
        await UntilStatus(id, AgentStatus.Unresponsive);
    }

    [Fact]
    public async Task Suspending_an_unresponsive_agent_clears_its_alert()
    {
        var (id, _) = await ReadyAsync(Hive);
        hive.Advance(PastDeadline);
        await UntilStatus(id, AgentStatus.Unresponsive);
        await HiveClusterFixture.Eventually(() => Task.FromResult(AlertOpen(id)), $"the alert for {id} is open");

        await Hive.Agents.SuspendAsync(id, "ops", "silent");

        Assert.False(AlertOpen(id));
        Assert.Contains("cleared " + AlertKey(id), hive.Alerts.History);
    }

    [Fact]
    public async Task Deregistering_an_unresponsive_agent_takes_it_offline_and_clears_its_alert()
    {
        var (id, _) = await ReadyAsync(Hive);
        hive.Advance(PastDeadline);
        await HiveClusterFixture.Eventually(() => Task.FromResult(AlertOpen(id)), $"the alert for {id} is open");

        var offline = await Hive.Agents.DeregisterAsync(id, "ops");

        Assert.Equal(AgentStatus.Offline, offline.Status);
        Assert.False(AlertOpen(id));
        Assert.Contains("cleared " + AlertKey(id), hive.Alerts.History);
    }

    [Fact]
    public async Task A_missed_deadline_is_noticed_after_the_activation_went_away()
    {
        var (id, role) = await ReadyAsync(Hive);

        await hive.SiloGrains.GetGrain<Orleans.Core.Internal.IGrainManagementExtension>(hive.Grains.GetGrain<IAgentGrain>(GrainKeys.Agent(id)).GetGrainId())
            .DeactivateOnIdle();
        await HiveClusterFixture.Eventually(async () => (await CatalogRow(hive, id, role))?.WakeAt is not null,
            $"agent {id} parked its deadline in the catalog");
        var parked = await CatalogRow(hive, id, role);
        Assert.Equal(hive.Time.GetUtcNow() + HiveClusterFixture.HeartbeatDeadline, parked!.WakeAt);
        Assert.Equal(nameof(AgentStatus.Ready), parked.Status);

        hive.Advance(PastDeadline);

        // The agent is not called here: a call would reactivate it. Only the deadline sweeper may wake it.
        await HiveClusterFixture.Eventually(async () => (await CatalogRow(hive, id, role))?.Status == nameof(AgentStatus.Unresponsive),
            $"the catalog shows agent {id} unresponsive");
        await HiveClusterFixture.Eventually(() => Task.FromResult(AlertOpen(id)), $"the alert for {id} is open");
        // The row keeps a wake time until the alert has left the agent's outbox (a state write right after the sink took it).
        await HiveClusterFixture.Eventually(async () => (await CatalogRow(hive, id, role))!.WakeAt is null,
            $"agent {id}'s row has no wake time once its alert is out");
    }

    [Fact]
    public async Task A_watched_agent_names_its_silo_in_the_catalog_until_it_parks_or_stops_being_watched()
    {
        var (id, role) = await ReadyAsync(Hive);
        var silos = hive.Cluster.Silos.Select(s => s.SiloAddress.ToParsableString()).ToArray();
        Assert.Contains((await CatalogRow(hive, id, role))!.Host, silos);

        await hive.SiloGrains.GetGrain<Orleans.Core.Internal.IGrainManagementExtension>(hive.Grains.GetGrain<IAgentGrain>(GrainKeys.Agent(id)).GetGrainId())
            .DeactivateOnIdle();
        await HiveClusterFixture.Eventually(async () => (await CatalogRow(hive, id, role))?.WakeAt is not null,
            $"agent {id} parked its deadline in the catalog");
        Assert.Null((await CatalogRow(hive, id, role))!.Host);

        await Hive.Agents.HeartbeatAsync(id, 0.1);
        var reactivated = await CatalogRow(hive, id, role);
        Assert.Equal((null, true), (reactivated!.WakeAt, silos.Contains(reactivated.Host)));

        await Hive.Agents.SuspendAsync(id, "ops", "maintenance");
        Assert.Null((await CatalogRow(hive, id, role))!.Host);
    }
}

[Trait("Category", "Cluster")]
[Collection(HiveClusterCollection.Name)]
public sealed class AgentHeartbeatTestsInMemory(HiveClusterFixture hive) : AgentHeartbeatTests(hive);
