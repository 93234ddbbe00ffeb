namespace Hive.Tests.Cluster;

/// <summary>
/// Acknowledgement deadlines, driven by the fake clock: a missed one raises the tier once and messages the
/// supporting agents; an acknowledged escalation is no longer watched; the sweeper fires deadlines of lost activations.
/// </summary>
public abstract class EscalationDeadlineTests(HiveClusterFixture hive)
{
    private static readonly TimeSpan Past = TimeSpan.FromSeconds(1);

    private readonly EscalationTestKit _kit = new(hive);
    private HiveEscalations Escalations => _kit.Escalations;

    [Fact]
    public async Task Each_missed_deadline_raises_the_tier_once_and_messages_every_supporting_agent()
    {
        var first = await _kit.AgentAsync("supporter");
        var second = await _kit.AgentAsync("supporter");
        var raised = await _kit.RaiseAsync(Severity.Low, [first, second]);
        var id = raised.Id;

        hive.Advance(TimeSpan.FromHours(4) + Past);

        var medium = await _kit.UntilAsync(id, e => e.MissedDeadlines >= 1, "missed its first deadline");
        Assert.Equal((Severity.Medium, 1, EscalationStatus.Open), (medium.Severity, medium.MissedDeadlines, medium.Status));
        Assert.Equal(_kit.Now + TimeSpan.FromHours(1), medium.AcknowledgeBy);
        var missed = Assert.Single(await _kit.AuditAsync(id), e => e.Action == "deadline-missed");
        Assert.Equal((HiveStorage.SystemActor, "Low", "Medium"), (missed.Actor, missed.From, missed.To));
        foreach (var agent in new[] { first, second })
        {
            var message = Assert.Single(await _kit.ReceiveAllAsync(agent, 1));
            AssertEscalationMessage(message, id, agent, "MEDIUM");
        }

        // A minute more is not another missed deadline: the tier was raised once, and a fresh deadline runs.
        hive.Advance(TimeSpan.FromMinutes(1));
        await Task.Delay(EscalationTestKit.SeveralTicks);
        var stillMedium = await Escalations.GetAsync(id);
        Assert.Equal((Severity.Medium, 1, medium.Version), (stillMedium.Severity, stillMedium.MissedDeadlines, stillMedium.Version));
        Assert.Empty(await _kit.DrainAsync(first));

        hive.Advance(TimeSpan.FromHours(1));

        var high = await _kit.UntilAsync(id, e => e.MissedDeadlines >= 2, "missed its second deadline");
        Assert.Equal((Severity.High, 2), (high.Severity, high.MissedDeadlines));
        Assert.Equal(_kit.Now + TimeSpan.FromMinutes(15), high.AcknowledgeBy);
        Assert.Equal(
            new (string?, string?)[] { ("Low", "Medium"), ("Medium", "High") },
            (await _kit.AuditAsync(id)).Where(e => e.Action == "deadline-missed").Select(e => (e.From, e.To)));
        foreach (var agent in new[] { first, second })
            AssertEscalationMessage(Assert.Single(await _kit.ReceiveAllAsync(agent, 1)), id, agent, "HIGH");
        Assert.Equal("High", (await _kit.CatalogRowAsync(id))!.Type);
    }

    [Fact]
    public async Task A_critical_escalation_stays_critical_but_re_notifies_at_every_missed_deadline()
    {
        var supporter = await _kit.AgentAsync("supporter");
        var id = (await _kit.RaiseAsync(Severity.Critical, [supporter])).Id;

        for (var missed = 1; missed <= 3; missed++)
        {
            hive.Advance(TimeSpan.FromMinutes(5) + Past);
            var info = await _kit.UntilAsync(id, e => e.MissedDeadlines >= missed, $"missed {missed} deadline(s)");
            Assert.Equal((Severity.Critical, missed), (info.Severity, info.MissedDeadlines));
            Assert.Equal(_kit.Now + TimeSpan.FromMinutes(5), info.AcknowledgeBy);
            AssertEscalationMessage(Assert.Single(await _kit.ReceiveAllAsync(supporter, 1)), id, supporter, "CRITICAL");
        }
        Assert.All((await _kit.AuditAsync(id)).Where(e => e.Action == "deadline-missed"),
            e => Assert.Equal(("Critical", "Critical"), (e.From, e.To)));
        Assert.Equal(3, (await _kit.AuditAsync(id)).Count(e => e.Action == "deadline-missed"));
    }

    [Fact]
    public async Task An_acknowledged_escalation_s_deadline_no_longer_fires()
    {
        var supporter = await _kit.AgentAsync("supporter");
        var id = (await _kit.RaiseAsync(Severity.High, [supporter])).Id;
        var acknowledged = await Escalations.AcknowledgeAsync(id, "oncall-1", "Mine");
        Assert.Null((await _kit.CatalogRowAsync(id))!.WakeAt);

        hive.Advance(TimeSpan.FromDays(1));
        await Task.Delay(EscalationTestKit.SeveralTicks);

        var after = await Escalations.GetAsync(id);
        Assert.Equal((EscalationStatus.Acknowledged, Severity.High, 0, acknowledged.Version),
            (after.Status, after.Severity, after.MissedDeadlines, after.Version));
        Assert.DoesNotContain(await _kit.AuditAsync(id), e => e.Action == "deadline-missed");
        Assert.Empty(await _kit.DrainAsync(supporter));
    }

    [Fact]
    public async Task A_reopened_escalation_is_watched_again()
    {
        var id = (await _kit.RaiseAsync(Severity.High)).Id;
        await Escalations.ResolveAsync(id, "oncall-1", "Fixed");
        hive.Advance(TimeSpan.FromHours(1));
        await Escalations.RaiseAsync(EscalationTestKit.Spec(id, Severity.High), EscalationTestKit.Actor);

        hive.Advance(TimeSpan.FromMinutes(15) + Past);

        var info = await _kit.UntilAsync(id, e => e.MissedDeadlines >= 1, "missed the deadline after reopening");
        Assert.Equal((EscalationStatus.Open, Severity.Critical, 1), (info.Status, info.Severity, info.MissedDeadlines));
    }

    [Fact]
    public async Task A_deadline_fires_after_the_activation_was_lost()
    {
        var supporter = await _kit.AgentAsync("supporter");
        var raised = await _kit.RaiseAsync(Severity.Low, [supporter]);
        var id = raised.Id;
        var grain = hive.Grains.GetGrain<IEscalationGrain>(GrainKeys.Escalation(id));
        var grainId = grain.GetGrainId();
        var management = hive.Grains.GetGrain<IManagementGrain>(0);

        await hive.SiloGrains.GetGrain<Orleans.Core.Internal.IGrainManagementExtension>(grainId).DeactivateOnIdle();
        await HiveClusterFixture.Eventually(async () => !(await management.GetActiveGrains(grainId.Type)).Contains(grainId),
            $"escalation {id} is deactivated");
        var parked = await _kit.CatalogRowAsync(id);
        Assert.Equal(("Open", "Low", raised.AcknowledgeBy), (parked!.Status, parked.Type, parked.WakeAt));

        hive.Advance(TimeSpan.FromHours(4) + Past);

        // The escalation is not called here: a call would reactivate it. Only the deadline sweeper may wake it.
        // The raise is written while the tier notice is still out, so the row first wakes for the notice; once the
        // supporter is told, it wakes for the next acknowledgement deadline.
        var nextDeadline = _kit.Now + TimeSpan.FromHours(1);
        await HiveClusterFixture.Eventually(async () => await _kit.CatalogRowAsync(id) is { Type: "Medium" } row && row.WakeAt == nextDeadline,
            $"the catalog shows escalation {id} raised to Medium, waking at {nextDeadline:O}");
        var info = await Escalations.GetAsync(id);
        Assert.Equal((EscalationStatus.Open, Severity.Medium, 1), (info.Status, info.Severity, info.MissedDeadlines));
        AssertEscalationMessage(Assert.Single(await _kit.ReceiveAllAsync(supporter, 1)), id, supporter, "MEDIUM");
    }

    [Fact]
    public async Task A_supporter_whose_inbox_fails_does_not_stop_the_others_and_is_told_once_it_recovers()
    {
        var failing = await _kit.AgentAsync("supporter");
        var healthy = await _kit.AgentAsync("supporter");
        var id = (await _kit.RaiseAsync(Severity.Low, [failing, healthy])).Id;

        using (hive.Faults.Fail(nameof(IInboxDeliveryGrain.Deliver), GrainKeys.Inbox(failing)))
        {
            hive.Advance(TimeSpan.FromHours(4) + Past);
            await _kit.UntilAsync(id, e => e.MissedDeadlines >= 1, "missed its first deadline");
            AssertEscalationMessage(Assert.Single(await _kit.ReceiveAllAsync(healthy, 1)), id, healthy, "MEDIUM");
            Assert.Empty(await _kit.DrainAsync(failing));
        }

        AssertEscalationMessage(Assert.Single(await _kit.ReceiveAllAsync(failing, 1)), id, failing, "MEDIUM");
        await Task.Delay(EscalationTestKit.SeveralTicks * 8);
        Assert.Empty(await _kit.DrainAsync(healthy));
        Assert.Empty(await _kit.DrainAsync(failing));
    }

    [Fact]
    public async Task Notices_go_to_registered_supporters_only_not_to_unknown_or_deregistered_ids()
    {
        var live = await _kit.AgentAsync("supporter");
        var departed = await _kit.AgentAsync("supporter");
        await hive.Hive.Agents.DeregisterAsync(departed, "operator:alice");
        var unknown = HiveClusterFixture.NewId("ghost");
        var id = (await _kit.RaiseAsync(Severity.Low, [live, departed, unknown])).Id;

        hive.Advance(TimeSpan.FromHours(4) + Past);

        await _kit.UntilAsync(id, e => e.MissedDeadlines >= 1, "missed its first deadline");
        AssertEscalationMessage(Assert.Single(await _kit.ReceiveAllAsync(live, 1)), id, live, "MEDIUM");
        await Task.Delay(EscalationTestKit.SeveralTicks);
        foreach (var absent in new[] { departed, unknown })
            Assert.Equal(0, (await hive.Grains.GetGrain<IInboxGrain>(GrainKeys.Inbox(absent)).Size()).Pending);
    }

    private static void AssertEscalationMessage(Message message, string escalationId, string agent, string tier)
    {
        Assert.Equal(("escalation", escalationId, HiveStorage.SystemActor, agent), (message.Kind, message.CorrelationId, message.From, message.To));
        Assert.Contains(escalationId, message.Subject, StringComparison.Ordinal);
        Assert.EndsWith("now " + tier, message.Subject, StringComparison.Ordinal);
        Assert.Contains("Checkout latency above SLO", message.Body, StringComparison.Ordinal);
    }
}

[Trait("Category", "Cluster")]
[Collection(HiveClusterCollection.Name)]
public sealed class EscalationDeadlineTestsInMemory(HiveClusterFixture hive) : EscalationDeadlineTests(hive);
