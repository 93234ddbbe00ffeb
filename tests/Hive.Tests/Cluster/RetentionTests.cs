using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text.Json;
using static Hive.Tests.Cluster.TaskSteps;

namespace Hive.Tests.Cluster;

/// <summary>Retention: what is finished long enough goes — state, listing, inbox, old audit events (exported first) — and nothing else.</summary>
public abstract class RetentionTests(RetentionClusterFixture hive)
{
    private static readonly TimeSpan PastEntityRetention = RetentionClusterFixture.EntityRetention + TimeSpan.FromDays(1);
    private static readonly TimeSpan PastAuditRetention = RetentionClusterFixture.AuditRetention + TimeSpan.FromDays(1);

    /// <summary>Enough retention passes for every finished row to have been offered to its grain at least once.</summary>
    private static readonly TimeSpan SeveralPasses = RetentionClusterFixture.PassInterval * 20;

    private HiveClient Hive => hive.Hive;

    [Fact]
    public async Task Finished_entities_lose_state_and_listing_after_the_retention_and_keep_their_audit_trail()
    {
        var (agent, _) = await AgentTestKit.RegisterAsync(Hive);
        await Hive.Agents.DeregisterAsync(agent, Operator);
        var cancelled = await Hive.CreateForRoleAsync(NewRole());
        await Hive.Tasks.CancelAsync(cancelled.Id, Operator, "not needed");
        var completed = await Hive.CreateForRoleAsync(NewRole());
        await Hive.RunToCompletionAsync(completed.Id);
        var escalation = HiveClusterFixture.NewId("esc");
        await Hive.Escalations.RaiseAsync(EscalationTestKit.Spec(escalation, Severity.Low), Operator);
        await Hive.Escalations.ResolveAsync(escalation, Operator, "fixed");
        await Hive.Escalations.CloseAsync(escalation, Operator, "post-mortem written");
        var channel = HiveClusterFixture.NewId("chan");
        await Hive.Memory.PutAsync("retention", channel, "deleted", "1", Operator);
        await Hive.Memory.DeleteAsync("retention", channel, "deleted", Operator);
        await Hive.Memory.PutAsync("retention", channel, "live", "2", Operator);
        var ready = await Hive.CreateForRoleAsync(NewRole());
        var open = HiveClusterFixture.NewId("esc");
        await Hive.Escalations.RaiseAsync(EscalationTestKit.Spec(open, Severity.Low), Operator);

        hive.Advance(PastEntityRetention);

        await UntilGoneAsync(EntityKind.Agent, agent);
        await UntilGoneAsync(EntityKind.Task, cancelled.Id);
        await UntilGoneAsync(EntityKind.Task, completed.Id);
        await UntilGoneAsync(EntityKind.Escalation, escalation);
        await UntilGoneAsync(EntityKind.MemoryKey, $"retention/{channel}/deleted");
        await RejectedAsync(HiveErrorCodes.NotFound, () => Hive.Agents.GetAsync(agent));
        await RejectedAsync(HiveErrorCodes.NotFound, () => Hive.Tasks.GetAsync(cancelled.Id));
        await RejectedAsync(HiveErrorCodes.NotFound, () => Hive.Tasks.GetAsync(completed.Id));
        await RejectedAsync(HiveErrorCodes.NotFound, () => Hive.Escalations.GetAsync(escalation));
        Assert.True(await hive.StateRowsAsync(GrainKeys.Agent(agent)) is null or 0, "the agent's state row is deleted");
        Assert.True(await hive.StateRowsAsync(GrainKeys.Task(completed.Id)) is null or 0, "the task's state row is deleted");

        Assert.Equal(HiveTaskStatus.Ready, (await Hive.Tasks.GetAsync(ready.Id)).Status);
        Assert.Equal(EscalationStatus.Open, (await Hive.Escalations.GetAsync(open)).Status);
        Assert.Equal("2", (await Hive.Memory.GetAsync("retention", channel, "live"))?.Value);
        var trail = (await Hive.Audit.QueryAsync(new AuditQuery(Entity: GrainKeys.Agent(agent)))).Items;
        Assert.Equal(["purged", "deregistered", "registered"], trail.Select(e => e.Action));
        Assert.Equal(("Offline", null), (trail[0].From, trail[0].To));
        Assert.Equal("purged", (await Hive.AuditOfAsync(completed.Id))[^1].Action);
    }

    [Fact]
    public async Task A_purged_id_can_be_created_again_from_scratch()
    {
        var (agent, _) = await AgentTestKit.RegisterAsync(Hive);
        await Hive.Agents.DeregisterAsync(agent, Operator);
        var task = await Hive.CreateForRoleAsync(NewRole());
        await Hive.Tasks.CancelAsync(task.Id, Operator, "not needed");
        hive.Advance(PastEntityRetention);
        await UntilGoneAsync(EntityKind.Agent, agent);
        await UntilGoneAsync(EntityKind.Task, task.Id);

        var role = NewRole();
        var again = await Hive.Agents.RegisterAsync(new AgentSpec(agent, "Born again", [role]));
        var newTask = await Hive.Tasks.CreateAsync(new TaskSpec(task.Id, "A different task", "other", PrimaryRole: role), Operator);

        Assert.Equal((AgentStatus.Registered, 1L, "Born again"), (again.Status, again.Version, again.Spec.DisplayName));
        Assert.Equal((HiveTaskStatus.Ready, 1L, "A different task"), (newTask.Status, newTask.Version, newTask.Spec.Title));
        Assert.True(await ListedAsync(EntityKind.Agent, agent));
        Assert.True(await ListedAsync(EntityKind.Task, task.Id));
    }

    [Fact]
    public async Task A_purged_agents_inbox_goes_with_it()
    {
        var (sender, _) = await AgentTestKit.RegisterAsync(Hive);
        var (agent, _) = await AgentTestKit.RegisterAsync(Hive);
        await Hive.Messages.SendAsync(new MessageDraft(sender, "notice", "first", "", To: agent));
        await Hive.Messages.SendAsync(new MessageDraft(sender, "notice", "second", "", To: agent));
        await Hive.Messages.AckAsync(agent, [1]);
        await Hive.Agents.DeregisterAsync(agent, Operator);
        Assert.Equal(2, await hive.MessageStore.LastSequenceAsync(agent));

        hive.Advance(PastEntityRetention);
        await UntilGoneAsync(EntityKind.Agent, agent);

        Assert.Equal(0, await hive.MessageStore.LastSequenceAsync(agent));
        Assert.Empty(await hive.MessageStore.PendingAsync(agent, 10));
        await Hive.Agents.RegisterAsync(new AgentSpec(agent, "Back", ["anything"]));
        Assert.Empty(await Hive.Messages.ReceiveAsync(agent));
        Assert.Equal(1, await Hive.Messages.SendAsync(new MessageDraft(sender, "notice", "hello again", "", To: agent)));
    }

    [Fact]
    public async Task A_finished_task_stays_while_a_dependent_may_still_need_it()
    {
        var role = NewRole();
        var prerequisite = await Hive.CreateForRoleAsync(role);
        var dependent = await Hive.Tasks.CreateAsync(new TaskSpec(NewTaskId(), "After it", "chore", PrimaryRole: role,
            Prerequisites: [prerequisite.Id]), Operator);
        var unrelated = await Hive.CreateForRoleAsync(role);
        await Hive.Tasks.CancelAsync(prerequisite.Id, Operator, "dropped");
        await Hive.Tasks.CancelAsync(unrelated.Id, Operator, "dropped");
        Assert.Equal(HiveTaskStatus.Blocked, (await Hive.Tasks.GetAsync(dependent.Id)).Status);

        hive.Advance(PastEntityRetention);
        await UntilGoneAsync(EntityKind.Task, unrelated.Id);
        await Task.Delay(SeveralPasses);

        // Blocked on it, the dependent would run once the prerequisite is retried: purging it would strand the dependent.
        Assert.Equal(HiveTaskStatus.Cancelled, (await Hive.Tasks.GetAsync(prerequisite.Id)).Status);
        await Hive.Tasks.CancelAsync(dependent.Id, Operator, "no longer needed");
        hive.Advance(PastEntityRetention);
        await UntilGoneAsync(EntityKind.Task, prerequisite.Id);
        await UntilGoneAsync(EntityKind.Task, dependent.Id);
    }

    [Fact]
    public async Task Audit_events_past_the_retention_are_exported_then_deleted()
    {
        var task = await Hive.CreateForRoleAsync(NewRole());
        var created = Assert.Single(await Hive.AuditOfAsync(task.Id));

        hive.Advance(PastAuditRetention);
        await HiveClusterFixture.Eventually(async () => (await Hive.AuditOfAsync(task.Id)).Count == 0, "the task's old audit event is purged");

        var exported = Directory.GetFiles(hive.ExportDirectory, "*.jsonl").SelectMany(File.ReadLines).Select(line => JsonDocument.Parse(line).RootElement)
            .Where(e => e.GetProperty("entity").GetString() == GrainKeys.Task(task.Id)).ToArray();
        var line = Assert.Single(exported);
        Assert.Equal((created.Action, created.Actor, created.At), (line.GetProperty("action").GetString(), line.GetProperty("actor").GetString(),
            line.GetProperty("at").GetDateTimeOffset()));
        Assert.True(line.GetProperty("seq").GetInt64() > 0);
        Assert.Empty(Directory.GetFiles(hive.ExportDirectory, "*.partial"));
        // The audit purge leaves the entity alone, and what happens now is kept.
        await Hive.Tasks.CancelAsync(task.Id, Operator, "old");
        Assert.Equal(["cancelled"], (await Hive.AuditOfAsync(task.Id)).Select(e => e.Action));
    }

    [Fact]
    public async Task Every_store_reports_its_size_on_the_hive_meter()
    {
        await AgentTestKit.RegisterAsync(Hive);
        var meters = hive.Cluster.Silos[0].ServiceProvider.GetRequiredService<IMeterFactory>();
        var measured = new ConcurrentDictionary<(string Instrument, string Store), long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == meters && instrument.Name is "hive.store.rows" or "hive.store.bytes") l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            measured[(instrument.Name, (string)tags.ToArray().Single(t => t.Key == "store").Value!)] = value);
        listener.Start();

        await HiveClusterFixture.Eventually(() =>
        {
            listener.RecordObservableInstruments();
            return Task.FromResult(measured.Any(m => m.Key.Store == "catalog" && m.Value > 0) && measured.Any(m => m.Key.Store == "audit" && m.Value > 0));
        }, "the catalog and the audit trail report a size");

        var stores = measured.Keys.Select(k => k.Store).ToHashSet();
        Assert.Superset(new HashSet<string> { "catalog", "audit", "memory_changes", "messages", "inbox_heads" }, stores);
    }

    private Task UntilGoneAsync(EntityKind kind, string id) =>
        HiveClusterFixture.Eventually(async () => !await ListedAsync(kind, id), $"{kind} {id} is purged from the catalog");

    private async Task<bool> ListedAsync(EntityKind kind, string id) =>
        (await hive.Catalog.QueryAsync(new CatalogQuery(kind, PageSize: int.MaxValue))).Any(r => r.Id == id);
}

[Trait("Category", "Cluster")]
[Collection(RetentionClusterCollection.Name)]
public sealed class RetentionTestsInMemory(RetentionClusterFixture hive) : RetentionTests(hive);
