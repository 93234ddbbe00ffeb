using static Hive.Tests.Cluster.AgentTestKit;

namespace Hive.Tests.Cluster;

/// <summary>Raising escalations with the template's fields, carrying them through their lifecycle, and listing them.</summary>
public abstract class EscalationTests(HiveClusterFixture hive)
{
    private readonly EscalationTestKit _kit = new(hive);
    private HiveEscalations Escalations => _kit.Escalations;

    [Fact]
    public async Task Raised_escalation_keeps_every_template_field_and_raising_it_again_changes_nothing()
    {
        var id = HiveClusterFixture.NewId("esc");
        var spec = new EscalationSpec(id, Severity.High, "Payments API error rate above 5 %",
            "The 5xx rate of the payments API rose to 7 % after the 14:00 rollout.",
            PrimaryAgent: "sre-lead", SupportingAgents: ["db-admin", "payments-dev"],
            Impact: "About one checkout in fourteen fails; revenue loss is growing.",
            ProposedResolution: "Roll back to 1.4.2, then fix the connection pool size.",
            Timeline: "14:00 rollout; 14:06 first alerts; 14:10 escalated.",
            Dependencies: ["postgres-primary", "task/deploy-42"], CausedBy: "task/deploy-42");
        var raisedAt = _kit.Now;

        var raised = await Escalations.RaiseAsync(spec, EscalationTestKit.Actor);
        var read = await Escalations.GetAsync(id);

        foreach (var info in new[] { raised, read })
        {
            Assert.Equal(id, info.Id);
            Assert.Equal((spec.Severity, spec.Title, spec.Description, spec.PrimaryAgent), (info.Spec.Severity, info.Spec.Title, info.Spec.Description, info.Spec.PrimaryAgent));
            Assert.Equal(spec.SupportingAgents, info.Spec.SupportingAgents);
            Assert.Equal((spec.Impact, spec.ProposedResolution, spec.Timeline, spec.CausedBy),
                (info.Spec.Impact, info.Spec.ProposedResolution, info.Spec.Timeline, info.Spec.CausedBy));
            Assert.Equal(spec.Dependencies, info.Spec.Dependencies);
            Assert.Equal((EscalationStatus.Open, Severity.High, 0), (info.Status, info.Severity, info.MissedDeadlines));
            Assert.Equal(raisedAt + TimeSpan.FromMinutes(15), info.AcknowledgeBy);
            Assert.Equal((EscalationTestKit.Actor, raisedAt, raisedAt), (info.RaisedBy, info.RaisedAt, info.UpdatedAt));
            Assert.Null(info.Resolution);
            Assert.Null(info.PostMortem);
        }
        Assert.Equal(raised.Version, read.Version);

        var again = await Escalations.RaiseAsync(spec, "someone-else");
        var changed = await Escalations.RaiseAsync(spec with { Title = "Another title", Severity = Severity.Low }, EscalationTestKit.Actor);

        Assert.Equal(raised.Version, again.Version);
        Assert.Equal(raised.Version, changed.Version);
        var after = await Escalations.GetAsync(id);
        Assert.Equal((raised.Version, spec.Title, Severity.High, EscalationTestKit.Actor), (after.Version, after.Spec.Title, after.Severity, after.RaisedBy));
        Assert.Single(await _kit.AuditAsync(id), e => e.Action == "raised");
    }

    [Theory]
    [InlineData(Severity.Critical, 5)]
    [InlineData(Severity.High, 15)]
    [InlineData(Severity.Medium, 60)]
    [InlineData(Severity.Low, 240)]
    public async Task Acknowledgement_deadline_is_the_default_window_of_the_severity(Severity severity, int minutes)
    {
        var raisedAt = _kit.Now;

        var info = await _kit.RaiseAsync(severity);

        Assert.Equal(raisedAt + TimeSpan.FromMinutes(minutes), info.AcknowledgeBy);
        var row = await _kit.CatalogRowAsync(info.Id);
        Assert.NotNull(row);
        Assert.Equal(("Open", severity.ToString(), info.AcknowledgeBy), (row.Status, row.Type, row.WakeAt));
    }

    [Fact]
    public async Task Lifecycle_runs_from_open_to_closed_and_each_step_is_audited_with_actor_and_statuses()
    {
        var raised = await _kit.RaiseAsync(Severity.Medium);
        var id = raised.Id;

        var acknowledged = await Escalations.AcknowledgeAsync(id, "oncall-1", "Looking at it");
        var mitigating = await Escalations.MitigateAsync(id, "oncall-1", "Rolled back to 1.4.2");
        var resolved = await Escalations.ResolveAsync(id, "oncall-2", "Connection pool size fixed in 1.4.3");
        var closed = await Escalations.CloseAsync(id, "sre-lead", "Pool sizing is now load-tested before every release.");

        Assert.Equal((EscalationStatus.Acknowledged, "Looking at it", raised.Version + 1), (acknowledged.Status, acknowledged.LastNote, acknowledged.Version));
        Assert.Equal((EscalationStatus.Mitigating, "Rolled back to 1.4.2", raised.Version + 2), (mitigating.Status, mitigating.LastNote, mitigating.Version));
        Assert.Equal((EscalationStatus.Resolved, "Connection pool size fixed in 1.4.3", raised.Version + 3), (resolved.Status, resolved.Resolution, resolved.Version));
        Assert.Equal((EscalationStatus.Closed, "Connection pool size fixed in 1.4.3", "Pool sizing is now load-tested before every release."),
            (closed.Status, closed.Resolution, closed.PostMortem));
        Assert.Equal(closed.Version, (await Escalations.GetAsync(id)).Version);
        Assert.Equal(
            new (string, string, string?, string?)[] { ("raised", EscalationTestKit.Actor, null, "Open"), ("acknowledge", "oncall-1", "Open", "Acknowledged"),
             ("mitigate", "oncall-1", "Acknowledged", "Mitigating"), ("resolve", "oncall-2", "Mitigating", "Resolved"),
             ("close", "sre-lead", "Resolved", "Closed") },
            (await _kit.AuditAsync(id)).Select(e => (e.Action, e.Actor, e.From, e.To)));
        Assert.Equal("Closed", (await _kit.CatalogRowAsync(id))!.Status);
    }

    [Fact]
    public async Task Transitions_the_lifecycle_forbids_are_rejected_and_change_nothing()
    {
        var open = await _kit.RaiseAsync(Severity.High);
        await Rejects(HiveErrorCodes.InvalidTransition, () => Escalations.CloseAsync(open.Id, "sre-lead", "Too early"));
        var stillOpen = await Escalations.GetAsync(open.Id);
        Assert.Equal((EscalationStatus.Open, open.Version), (stillOpen.Status, stillOpen.Version));
        Assert.Null(stillOpen.PostMortem);

        await Escalations.ResolveAsync(open.Id, "oncall-1", "Fixed the config");
        await Rejects(HiveErrorCodes.Validation, () => Escalations.CloseAsync(open.Id, "sre-lead", ""));
        await Rejects(HiveErrorCodes.Validation, () => Escalations.CloseAsync(open.Id, "sre-lead", "   "));
        await Rejects(HiveErrorCodes.InvalidTransition, () => Escalations.ResolveAsync(open.Id, "oncall-2", "A different story"));
        var resolved = await Escalations.GetAsync(open.Id);
        Assert.Equal((EscalationStatus.Resolved, "Fixed the config"), (resolved.Status, resolved.Resolution));
        Assert.Null(resolved.PostMortem);

        var closed = await Escalations.CloseAsync(open.Id, "sre-lead", "Config changes are reviewed now.");
        Assert.Equal("Fixed the config", closed.Resolution);
        await Rejects(HiveErrorCodes.InvalidTransition, () => Escalations.AcknowledgeAsync(open.Id, "oncall-1", "Late"));
        await Rejects(HiveErrorCodes.InvalidTransition, () => Escalations.ResolveAsync(open.Id, "oncall-1", "Again"));
        var after = await Escalations.GetAsync(open.Id);
        Assert.Equal((EscalationStatus.Closed, closed.Version, "Fixed the config", closed.LastNote),
            (after.Status, after.Version, after.Resolution, after.LastNote));
        Assert.Equal("raised resolve close", string.Join(" ", (await _kit.AuditAsync(open.Id)).Select(e => e.Action)));
    }

    [Fact]
    public async Task Malformed_ids_unknown_escalations_and_invalid_specs_are_rejected_and_store_nothing()
    {
        await Rejects(HiveErrorCodes.Validation, () => Escalations.GetAsync("not a valid id!"));
        await Rejects(HiveErrorCodes.Validation, () => Escalations.AcknowledgeAsync("/escalation", EscalationTestKit.Actor));
        await Rejects(HiveErrorCodes.Validation, () => Escalations.RaiseAsync(EscalationTestKit.Spec("bad id", Severity.Low), EscalationTestKit.Actor));

        var unknown = HiveClusterFixture.NewId("ghost");
        var notFound = await Rejects(HiveErrorCodes.NotFound, () => Escalations.GetAsync(unknown));
        Assert.Equal("escalation/" + unknown, notFound.Entity);
        await Rejects(HiveErrorCodes.NotFound, () => Escalations.AcknowledgeAsync(unknown, "oncall-1"));
        await Rejects(HiveErrorCodes.NotFound, () => Escalations.ResolveAsync(unknown, "oncall-1", "Nothing to resolve"));

        var fresh = HiveClusterFixture.NewId("esc");
        var tooMany = Enumerable.Range(0, Limits.MaxSupportingAgents + 1).Select(n => $"helper-{n}").ToArray();
        await Rejects(HiveErrorCodes.Validation, () => Escalations.RaiseAsync(EscalationTestKit.Spec(fresh, Severity.High) with { Title = "" }, EscalationTestKit.Actor));
        await Rejects(HiveErrorCodes.Validation, () => Escalations.RaiseAsync(EscalationTestKit.Spec(fresh, Severity.High, tooMany), EscalationTestKit.Actor));
        Assert.Null(await _kit.TryGetAsync(fresh));
        Assert.Null(await _kit.CatalogRowAsync(fresh));

        // The unknown escalation's failed resolve left nothing behind: raising it now starts clean.
        var raised = await _kit.RaiseAsync(Severity.Low, id: unknown);
        Assert.Equal((EscalationStatus.Open, 1L), (raised.Status, raised.Version));
        Assert.Null(raised.Resolution);

        await Rejects(HiveErrorCodes.Validation, () => Escalations.RaiseAsync(EscalationTestKit.Spec(unknown, Severity.High, tooMany), EscalationTestKit.Actor));
        await Rejects(HiveErrorCodes.Validation, () => Escalations.MitigateAsync(unknown, "oncall-1", " "));
        var unchanged = await Escalations.GetAsync(unknown);
        Assert.Equal((raised.Version, EscalationStatus.Open, Severity.Low), (unchanged.Version, unchanged.Status, unchanged.Severity));
    }

    [Fact]
    public async Task Raising_a_closed_escalation_reopens_it_with_a_fresh_deadline()
    {
        var raised = await _kit.RaiseAsync(Severity.Low);
        await Escalations.ResolveAsync(raised.Id, "oncall-1", "Restarted the worker");
        await Escalations.CloseAsync(raised.Id, "sre-lead", "Worker restarts are automated now.");
        hive.Advance(TimeSpan.FromMinutes(10));
        var reraisedAt = _kit.Now;

        var reopened = await Escalations.RaiseAsync(EscalationTestKit.Spec(raised.Id, Severity.Critical), "oncall-2");

        Assert.Equal((EscalationStatus.Open, Severity.Critical, 0), (reopened.Status, reopened.Severity, reopened.MissedDeadlines));
        Assert.Equal(reraisedAt + TimeSpan.FromMinutes(5), reopened.AcknowledgeBy);
        Assert.Null(reopened.Resolution);
        Assert.Null(reopened.PostMortem);
        Assert.Equal(raised.Version + 3, reopened.Version);
        var audit = await _kit.AuditAsync(raised.Id);
        Assert.Equal(("reopened", "oncall-2", "Closed", "Open"), (audit[^1].Action, audit[^1].Actor, audit[^1].From, audit[^1].To));
        Assert.Equal(reopened.AcknowledgeBy, (await _kit.CatalogRowAsync(raised.Id))!.WakeAt);
    }

    [Fact]
    public async Task Listing_filters_by_status_and_current_severity_and_pages_visit_each_once()
    {
        var prefix = HiveClusterFixture.NewId("list");
        var openHigh = Enumerable.Range(0, 5).Select(n => $"{prefix}-{n}").ToArray();
        foreach (var id in openHigh) await _kit.RaiseAsync(Severity.High, id: id);
        var openLow = (await _kit.RaiseAsync(Severity.Low, id: prefix + "-low")).Id;
        var acknowledgedHigh = (await _kit.RaiseAsync(Severity.High, id: prefix + "-ack")).Id;
        await Escalations.AcknowledgeAsync(acknowledgedHigh, "oncall-1");
        var mine = openHigh.Append(openLow).Append(acknowledgedHigh).ToHashSet();

        var pages = await AllPagesAsync(new EscalationQuery(EscalationStatus.Open, Severity.High, PageSize: 2));

        Assert.All(pages, p => Assert.InRange(p.Count, 0, 2));
        var listed = pages.SelectMany(p => p).ToArray();
        Assert.All(listed, s => Assert.Equal((EscalationStatus.Open, Severity.High), (s.Status, s.Severity)));
        Assert.Equal(openHigh, listed.Select(s => s.Id).Where(mine.Contains));
        Assert.Equal(listed.Length, listed.Select(s => s.Id).Distinct().Count());

        var low = (await AllPagesAsync(new EscalationQuery(Severity: Severity.Low))).SelectMany(p => p).Where(s => mine.Contains(s.Id));
        Assert.Equal(new[] { openLow }, low.Select(s => s.Id));
        var acknowledged = (await AllPagesAsync(new EscalationQuery(Status: EscalationStatus.Acknowledged))).SelectMany(p => p).Where(s => mine.Contains(s.Id));
        var summary = Assert.Single(acknowledged);
        Assert.Equal((acknowledgedHigh, Severity.High, "Checkout latency above SLO"), (summary.Id, summary.Severity, summary.Title));
    }

    private async Task<List<IReadOnlyList<EscalationSummary>>> AllPagesAsync(EscalationQuery query)
    {
        var pages = new List<IReadOnlyList<EscalationSummary>>();
        for (string? token = null; ;)
        {
            var page = await Escalations.ListAsync(query with { PageToken = token });
            pages.Add(page.Items);
            if ((token = page.NextPageToken) is null) return pages;
            Assert.True(pages.Count < 10_000, "paging does not end");
        }
    }
}

[Trait("Category", "Cluster")]
[Collection(HiveClusterCollection.Name)]
public sealed class EscalationTestsInMemory(HiveClusterFixture hive) : EscalationTests(hive);
