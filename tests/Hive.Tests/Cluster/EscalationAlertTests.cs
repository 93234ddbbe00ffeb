using static Hive.Tests.Cluster.AgentTestKit;

namespace Hive.Tests.Cluster;

/// <summary>
/// Alerts the hive raises on its own become escalations supported by the responder role, and are resolved
/// automatically when their cause clears.
/// </summary>
public abstract class EscalationAlertTests(HiveClusterFixture hive)
{
    private const string ResponderRole = "reliability-engineer";
    private static readonly TimeSpan PastHeartbeatDeadline = HiveClusterFixture.HeartbeatDeadline + TimeSpan.FromSeconds(1);

    private readonly EscalationTestKit _kit = new(hive);
    private HiveClient Hive => hive.Hive;

    private static string UnresponsiveEscalation(string agentId) => AlertKeys.EscalationIdFor("agent-unresponsive/" + agentId);

    [Fact]
    public async Task An_unresponsive_agent_raises_an_escalation_that_its_next_heartbeat_resolves()
    {
        var responder = await _kit.AgentAsync("responder", ResponderRole);
        var gone = await _kit.AgentAsync("responder", ResponderRole);
        await Hive.Agents.DeregisterAsync(gone, "ops");
        try
        {
            var (id, _) = await ReadyAsync(Hive);
            var escalationId = UnresponsiveEscalation(id);

            hive.Advance(PastHeartbeatDeadline);

            var raised = await _kit.UntilAsync(escalationId, _ => true, "was raised for the unresponsive agent");
            Assert.Equal((EscalationStatus.Open, Severity.High, "agent/" + id, HiveStorage.SystemActor),
                (raised.Status, raised.Severity, raised.Spec.CausedBy, raised.RaisedBy));
            Assert.Contains(id, raised.Spec.Title, StringComparison.Ordinal);
            Assert.Contains(responder, raised.Spec.SupportingAgents!);
            Assert.DoesNotContain(gone, raised.Spec.SupportingAgents!);
            Assert.False(string.IsNullOrWhiteSpace(raised.Spec.Impact));
            Assert.False(string.IsNullOrWhiteSpace(raised.Spec.ProposedResolution));

            await Hive.Agents.HeartbeatAsync(id, 0.3);

            var resolved = await Escalations.GetAsync(escalationId);
            Assert.Equal((EscalationStatus.Resolved, HiveStorage.SystemActor), (resolved.Status, (await _kit.AuditAsync(escalationId))[^1].Actor));
            Assert.StartsWith("Resolved automatically", resolved.Resolution, StringComparison.Ordinal);
            Assert.Contains(id, resolved.Resolution, StringComparison.Ordinal);
        }
        finally
        {
            await Hive.Agents.DeregisterAsync(responder, "ops");
        }
    }

    [Fact]
    public async Task An_agent_that_goes_silent_again_reopens_its_escalation()
    {
        var (id, _) = await ReadyAsync(Hive);
        var escalationId = UnresponsiveEscalation(id);
        hive.Advance(PastHeartbeatDeadline);
        await _kit.UntilAsync(escalationId, _ => true, "was raised");
        await Hive.Agents.HeartbeatAsync(id, 0.3);
        Assert.Equal(EscalationStatus.Resolved, (await Escalations.GetAsync(escalationId)).Status);

        hive.Advance(PastHeartbeatDeadline);

        var reopened = await _kit.UntilAsync(escalationId, e => e.Status == EscalationStatus.Open, "was reopened");
        Assert.Null(reopened.Resolution);
        Assert.Equal(_kit.Now + TimeSpan.FromMinutes(15), reopened.AcknowledgeBy);
        Assert.Contains(await _kit.AuditAsync(escalationId), e => e.Action == "reopened" && e.From == "Resolved");
    }

    [Fact]
    public async Task Offline_responders_do_not_crowd_live_ones_out_of_an_alert_escalation()
    {
        // Offline responders whose ids sort first fill a whole page of the responder role.
        var prefix = "re-0-" + Guid.NewGuid().ToString("N")[..8];
        var offline = Enumerable.Range(0, Limits.MaxSupportingAgents).Select(n => $"{prefix}-{n:D2}").ToArray();
        foreach (var agent in offline)
        {
            await Hive.Agents.RegisterAsync(new AgentSpec(agent, "Former responder", [ResponderRole]));
            await Hive.Agents.DeregisterAsync(agent, "ops");
        }
        var responder = await _kit.AgentAsync("responder", ResponderRole);
        try
        {
            var (id, _) = await ReadyAsync(Hive);

            hive.Advance(PastHeartbeatDeadline);

            var raised = await _kit.UntilAsync(UnresponsiveEscalation(id), _ => true, "was raised");
            Assert.Contains(responder, raised.Spec.SupportingAgents!);
            Assert.Empty(raised.Spec.SupportingAgents!.Intersect(offline));
        }
        finally
        {
            await Hive.Agents.DeregisterAsync(responder, "ops");
        }
    }

    [Fact]
    public async Task An_overdue_task_raises_an_escalation_that_completing_the_task_resolves()
    {
        var (agent, role) = await ReadyAsync(Hive);
        var task = HiveClusterFixture.NewId("task");
        await Hive.Tasks.CreateAsync(new TaskSpec(task, "Rotate certificates", "chore", PrimaryRole: role, TimeBudget: TimeSpan.FromSeconds(10)), "tester");
        Assert.Equal(task, (await Hive.Agents.ClaimNextAsync(agent))!.Spec.Id);
        var escalationId = AlertKeys.EscalationIdFor("task-overdue/" + task);

        hive.Advance(TimeSpan.FromSeconds(11));

        var raised = await _kit.UntilAsync(escalationId, _ => true, "was raised for the overdue task");
        Assert.Equal((EscalationStatus.Open, Severity.Medium, "task/" + task), (raised.Status, raised.Severity, raised.Spec.CausedBy));
        Assert.Contains(task, raised.Spec.Title, StringComparison.Ordinal);

        await Hive.Tasks.CompleteAsync(task, agent, "done late");

        var resolved = await Escalations.GetAsync(escalationId);
        Assert.Equal(EscalationStatus.Resolved, resolved.Status);
        Assert.StartsWith("Resolved automatically", resolved.Resolution, StringComparison.Ordinal);
        Assert.Contains("Completed", resolved.Resolution, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_task_finished_within_its_budget_raises_no_escalation()
    {
        var (agent, role) = await ReadyAsync(Hive);
        var task = HiveClusterFixture.NewId("task");
        await Hive.Tasks.CreateAsync(new TaskSpec(task, "Quick job", "chore", PrimaryRole: role, TimeBudget: TimeSpan.FromSeconds(20)), "tester");
        await Hive.Agents.ClaimNextAsync(agent);
        hive.Advance(TimeSpan.FromSeconds(15));
        await Hive.Tasks.CompleteAsync(task, agent, "in time");

        hive.Advance(TimeSpan.FromSeconds(10));
        await Task.Delay(EscalationTestKit.SeveralTicks);

        Assert.Null(await _kit.TryGetAsync(AlertKeys.EscalationIdFor("task-overdue/" + task)));
    }

    private HiveEscalations Escalations => _kit.Escalations;
}

[Trait("Category", "Cluster")]
[Collection(HiveClusterCollection.Name)]
public sealed class EscalationAlertTestsInMemory(HiveClusterFixture hive) : EscalationAlertTests(hive);
