using System.Diagnostics;
using static Hive.Tests.Cluster.AgentTestKit;

namespace Hive.Tests.Cluster;

/// <summary>What operators do to agents (suspend, resume, deregister) and how agents are listed.</summary>
public abstract class AgentOperatorTests(HiveClusterFixture hive)
{
    private const string Operator = "ops-alice";

    private HiveClient Hive => hive.Hive;

    [Fact]
    public async Task An_operator_suspends_and_resumes_an_agent_and_both_are_audited_with_the_operator()
    {
        var (id, _) = await ReadyAsync(Hive);

        var suspended = await Hive.Agents.SuspendAsync(id, Operator, "disk full");
        Assert.Equal(AgentStatus.Suspended, suspended.Status);
        Assert.Equal("disk full", suspended.StatusReason);
        Assert.Equal(AgentStatus.Suspended, (await Hive.Agents.GetAsync(id)).Status);

        var resumed = await Hive.Agents.ResumeAsync(id, Operator);
        Assert.Equal(AgentStatus.Ready, resumed.Status);
        Assert.Null(resumed.StatusReason);

        var audit = await AuditOf(Hive, id);
        var suspend = Assert.Single(audit, e => e.Action == "suspended");
        Assert.Equal((Operator, "Ready", "Suspended", "disk full"), (suspend.Actor, suspend.From, suspend.To, suspend.Details));
        var resume = Assert.Single(audit, e => e.Action == "resumed");
        Assert.Equal((Operator, "Suspended", "Ready"), (resume.Actor, resume.From, resume.To));
    }

    [Fact]
    public async Task An_audit_event_carries_the_trace_id_of_the_call_that_made_it()
    {
        using var caller = new ActivitySource("Hive.Tests.Caller");
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == caller.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        var (id, _) = await ReadyAsync(Hive);

        string traceId;
        using (var call = caller.StartActivity("suspend")!)
        {
            traceId = call.TraceId.ToHexString();
            await Hive.Agents.SuspendAsync(id, Operator, "traced");
        }
        await Hive.Agents.ResumeAsync(id, Operator);

        var audit = await AuditOf(Hive, id);
        Assert.Equal(traceId, Assert.Single(audit, e => e.Action == "suspended").TraceId);
        Assert.Null(Assert.Single(audit, e => e.Action == "resumed").TraceId);
    }

    [Fact]
    public async Task Suspending_twice_is_an_invalid_transition_and_changes_nothing()
    {
        var (id, _) = await ReadyAsync(Hive);
        var first = await Hive.Agents.SuspendAsync(id, Operator, "maintenance");

        await Rejects(HiveErrorCodes.InvalidTransition, () => Hive.Agents.SuspendAsync(id, Operator, "again"));

        var now = await Hive.Agents.GetAsync(id);
        Assert.Equal(first.Version, now.Version);
        Assert.Equal("maintenance", now.StatusReason);
        Assert.Single(await AuditOf(Hive, id), e => e.Action == "suspended");
    }

    [Fact]
    public async Task Resuming_an_agent_that_is_not_suspended_is_an_invalid_transition()
    {
        var (id, _) = await ReadyAsync(Hive);
        var before = await Hive.Agents.GetAsync(id);

        await Rejects(HiveErrorCodes.InvalidTransition, () => Hive.Agents.ResumeAsync(id, Operator));

        var after = await Hive.Agents.GetAsync(id);
        Assert.Equal((AgentStatus.Ready, before.Version), (after.Status, after.Version));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Suspending_without_a_reason_is_rejected(string reason)
    {
        var (id, _) = await ReadyAsync(Hive);

        await Rejects(HiveErrorCodes.Validation, () => Hive.Agents.SuspendAsync(id, Operator, reason));

        Assert.Equal(AgentStatus.Ready, (await Hive.Agents.GetAsync(id)).Status);
        Assert.DoesNotContain(await AuditOf(Hive, id), e => e.Action == "suspended");
    }

    [Fact]
    public async Task A_suspended_agent_cannot_claim_a_task()
    {
        var (id, role) = await ReadyAsync(Hive);
        var task = HiveClusterFixture.NewId("task");
        await Hive.Tasks.CreateAsync(new TaskSpec(task, "Waiting", "chore", PrimaryRole: role), "tester");
        await Hive.Agents.SuspendAsync(id, Operator, "investigating");

        await Rejects(HiveErrorCodes.InvalidTransition, () => Hive.Agents.ClaimNextAsync(id));

        Assert.Equal(HiveTaskStatus.Ready, (await Hive.Tasks.GetAsync(task)).Status);
        Assert.Null((await Hive.Agents.GetAsync(id)).CurrentTaskId);
    }

    [Fact]
    public async Task Deregistering_an_idle_agent_takes_it_offline_until_it_registers_again()
    {
        var (id, role) = await ReadyAsync(Hive);

        var offline = await Hive.Agents.DeregisterAsync(id, Operator);
        Assert.Equal(AgentStatus.Offline, offline.Status);
        Assert.False(offline.Draining);
        Assert.Contains(await AuditOf(Hive, id), e => e.Action == "deregistered" && e.Actor == Operator && e.To == "Offline");

        await Rejects(HiveErrorCodes.InvalidTransition, () => Hive.Agents.HeartbeatAsync(id, 0.1));
        await Rejects(HiveErrorCodes.InvalidTransition, () => Hive.Agents.DeregisterAsync(id, Operator));
        Assert.Equal(AgentStatus.Offline, (await Hive.Agents.GetAsync(id)).Status);

        var back = await Hive.Agents.RegisterAsync(new AgentSpec(id, "Agent " + id, [role]));
        Assert.Equal(AgentStatus.Registered, back.Status);
        Assert.Equal(AgentStatus.Ready, (await Hive.Agents.HeartbeatAsync(id, 0.1)).Status);
        Assert.Contains(await AuditOf(Hive, id), e => e.Action == "re-registered" && e.From == "Offline");
    }

    [Fact]
    public async Task Deregistering_a_busy_agent_drains_it_and_it_goes_offline_when_its_task_ends()
    {
        var (id, role) = await ReadyAsync(Hive);
        var task = HiveClusterFixture.NewId("task");
        await Hive.Tasks.CreateAsync(new TaskSpec(task, "title", "type", PrimaryRole: role), "tester");
        Assert.Equal(task, (await Hive.Agents.ClaimNextAsync(id))?.Id);

        var draining = await Hive.Agents.DeregisterAsync(id, Operator);
        Assert.True(draining.Draining);
        Assert.Equal(AgentStatus.Busy, draining.Status);
        Assert.Equal(task, draining.CurrentTaskId);

        var next = HiveClusterFixture.NewId("task");
        await Hive.Tasks.CreateAsync(new TaskSpec(next, "next", "type", PrimaryRole: role), "tester");
        // A claim while draining only hands back the task the agent holds (claims are idempotent); it takes no new work.
        Assert.Equal(task, (await Hive.Agents.ClaimNextAsync(id))?.Id);
        Assert.Equal(HiveTaskStatus.Ready, (await Hive.Tasks.GetAsync(next)).Status);

        await Hive.Tasks.CompleteAsync(task, id);

        await HiveClusterFixture.Eventually(async () => (await Hive.Agents.GetAsync(id)).Status == AgentStatus.Offline,
            "the drained agent is offline");
        var after = await Hive.Agents.GetAsync(id);
        Assert.False(after.Draining);
        Assert.Null(after.CurrentTaskId);
    }

    [Fact]
    public async Task Listing_by_role_returns_every_agent_of_the_role_in_id_order_and_filters_by_status()
    {
        var role = HiveClusterFixture.NewId("role");
        var ids = new List<string>();
        for (var i = 0; i < 5; i++) ids.Add((await RegisterAsync(Hive, role)).Id);
        var suspended = new[] { ids[1], ids[3] };
        foreach (var id in suspended) await Hive.Agents.SuspendAsync(id, Operator, "listing test");
        await Hive.Agents.HeartbeatAsync(ids[0], 0.3);
        await RegisterAsync(Hive);  // another role, must not show up

        var all = await Hive.Agents.ListAsync(new AgentQuery(Role: role));
        Assert.Equal(ids.Order(StringComparer.Ordinal), all.Items.Select(a => a.Id));
        Assert.Null(all.NextPageToken);
        Assert.All(all.Items, a => Assert.Equal([role], a.Roles));
        Assert.Equal(AgentStatus.Ready, all.Items.Single(a => a.Id == ids[0]).Status);

        var onlySuspended = await Hive.Agents.ListAsync(new AgentQuery(AgentStatus.Suspended, role));
        Assert.Equal(suspended.Order(StringComparer.Ordinal), onlySuspended.Items.Select(a => a.Id));
        Assert.All(onlySuspended.Items, a => Assert.Equal(AgentStatus.Suspended, a.Status));

        var onlyRegistered = await Hive.Agents.ListAsync(new AgentQuery(AgentStatus.Registered, role));
        Assert.Equal(new[] { ids[2], ids[4] }.Order(StringComparer.Ordinal), onlyRegistered.Items.Select(a => a.Id));
    }

    [Fact]
    public async Task Listing_in_pages_of_two_walks_every_agent_once()
    {
        var role = HiveClusterFixture.NewId("role");
        var ids = new List<string>();
        for (var i = 0; i < 5; i++) ids.Add((await RegisterAsync(Hive, role)).Id);

        var seen = new List<string>();
        var pages = 0;
        string? token = null;
        do
        {
            var page = await Hive.Agents.ListAsync(new AgentQuery(Role: role, PageSize: 2, PageToken: token));
            Assert.InRange(page.Items.Count, 0, 2);
            seen.AddRange(page.Items.Select(a => a.Id));
            token = page.NextPageToken;
            Assert.True(++pages <= 4, "paging did not end");
        }
        while (token is not null);

        Assert.Equal(ids.Order(StringComparer.Ordinal), seen);
        Assert.Equal(3, pages);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(Limits.MaxPageSize + 1)]
    public async Task Listing_with_a_page_size_out_of_range_is_rejected(int pageSize)
    {
        await Rejects(HiveErrorCodes.Validation, () => Hive.Agents.ListAsync(new AgentQuery(PageSize: pageSize)));
    }

    [Fact]
    public async Task Listing_by_a_malformed_role_is_rejected()
    {
        await Rejects(HiveErrorCodes.Validation, () => Hive.Agents.ListAsync(new AgentQuery(Role: "bad role")));
    }
}

[Trait("Category", "Cluster")]
[Collection(HiveClusterCollection.Name)]
public sealed class AgentOperatorTestsInMemory(HiveClusterFixture hive) : AgentOperatorTests(hive);
