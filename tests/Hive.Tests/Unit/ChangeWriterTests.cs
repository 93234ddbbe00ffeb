using System.Diagnostics.Metrics;
using Hive.Silo.InMemory;
using Microsoft.Extensions.Time.Testing;

namespace Hive.Tests.Unit;

/// <summary>The steps every entity change shares, without a cluster: version, timestamps, row version, event, meter, discard.</summary>
[Trait("Category", "Unit")]
public sealed class ChangeWriterTests : IDisposable
{
    private const string Entity = "task/t1";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemoryEntityCatalog _catalog = new();
    private readonly InMemoryAuditLog _audit = new();
    private readonly OwnMeter _meters = new();
    private readonly MeterListener _listener = new();
    private readonly List<(string From, string To)> _transitions = [];
    private readonly FakeState _stored = new();
    private int _discarded;

    public ChangeWriterTests()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            // Only this test's meter: cluster tests running alongside record on meters of the same name.
            if (ReferenceEquals(instrument.Meter, _meters.Meter)) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) =>
        {
            if (instrument.Name != "hive.tasks.transitions") return;
            var t = tags.ToArray().ToDictionary(p => p.Key, p => (string)p.Value!);
            lock (_transitions) _transitions.Add((t["from"], t["to"]));
        });
        _listener.Start();
        _stored.State = new TaskState
        {
            Spec = new TaskSpec("t1", "Title", "type", PrimaryRole: "r"), Status = HiveTaskStatus.Ready, Version = 4,
        };
    }

    [Fact]
    public async Task A_save_writes_the_next_version_with_its_row_and_its_event()
    {
        var writer = Writer();
        _stored.State.Status = HiveTaskStatus.Assigned;

        await writer.SaveAsync(writer.Change("agent-1", TaskActions.Assigned, HiveTaskStatus.Ready, "attempt 1 of 3"));

        Assert.Equal((5, _time.GetUtcNow(), 1), (_stored.State.Version, _stored.State.UpdatedAt, _stored.Writes));
        var row = Assert.Single(await _catalog.QueryAsync(new CatalogQuery(EntityKind.Task)));
        Assert.Equal((5L * 256, "Assigned"), (row.Version, row.Status));
        var change = Assert.Single((await _audit.QueryAsync(new AuditQuery(Entity))).Items);
        Assert.Equal(("agent-1", "assigned", "Ready", "Assigned", "attempt 1 of 3"), (change.Actor, change.Action, change.From, change.To, change.Details));
        Assert.Equal([("Ready", "Assigned")], _transitions);
    }

    [Fact]
    public void A_change_of_status_carries_the_writers_metric_and_one_that_keeps_it_carries_none()
    {
        var writer = Writer();

        Assert.Equal(ChangeMetric.TaskTransition, writer.Change("a", TaskActions.Created, null, null).Metric);
        Assert.Equal(ChangeMetric.TaskTransition, writer.Change("a", TaskActions.Released, HiveTaskStatus.Assigned, null).Metric);
        Assert.Equal(ChangeMetric.None, writer.Change("a", TaskActions.Overdue, HiveTaskStatus.Ready, null).Metric);
        Assert.Equal(ChangeMetric.EscalationRaised, writer.Change("a", "x", HiveTaskStatus.Ready, null, ChangeMetric.EscalationRaised).Metric);
    }

    [Fact]
    public async Task A_failed_write_discards_the_activation_and_publishes_nothing()
    {
        var writer = Writer();
        _stored.Fail = true;
        _stored.State.Status = HiveTaskStatus.Assigned;

        await Assert.ThrowsAsync<InvalidOperationException>(() => writer.SaveAsync(writer.Change("a", TaskActions.Assigned, HiveTaskStatus.Ready, null)));

        Assert.Equal(1, _discarded);
        Assert.Empty(await _catalog.QueryAsync(new CatalogQuery(EntityKind.Task)));
        Assert.Empty((await _audit.QueryAsync(new AuditQuery(Entity))).Items);
        Assert.Empty(_transitions);
    }

    [Fact]
    public async Task Bookkeeping_and_row_only_writes_keep_the_version_and_still_replace_the_row()
    {
        var writer = Writer();
        var updatedAt = _stored.State.UpdatedAt;

        await writer.SaveBookkeepingAsync();
        await writer.RecordRowAsync();

        Assert.Equal((4, updatedAt, 1), (_stored.State.Version, _stored.State.UpdatedAt, _stored.Writes));
        Assert.Equal((4L * 256) + 2, Assert.Single(await _catalog.QueryAsync(new CatalogQuery(EntityKind.Task))).Version);
        Assert.Empty((await _audit.QueryAsync(new AuditQuery(Entity))).Items);

        await writer.SaveAsync(null);

        Assert.Equal(5L * 256, Assert.Single(await _catalog.QueryAsync(new CatalogQuery(EntityKind.Task))).Version);
    }

    [Fact]
    public async Task A_purge_clears_the_state_removes_the_row_and_audits_the_status_it_finished_in()
    {
        var writer = Writer();
        await writer.SaveAsync(null);
        _stored.State.Status = HiveTaskStatus.Completed;

        await writer.PurgeAsync(version => TaskCatalogRow.From(_stored.State, version, wakeAt: null));

        Assert.True(_stored.Cleared);
        Assert.Empty(await _catalog.QueryAsync(new CatalogQuery(EntityKind.Task)));
        var purged = Assert.Single((await _audit.QueryAsync(new AuditQuery(Entity))).Items);
        Assert.Equal((AuditActions.Purged, "Completed", null), (purged.Action, purged.From, purged.To));
    }

    public void Dispose()
    {
        _listener.Dispose();
        _meters.Dispose();
    }

    private ChangeWriter<TaskState, HiveTaskStatus> Writer()
    {
        var recorder = new ChangeRecorder(_catalog, _audit, new InMemoryMemoryChangeLog(retention: 16), new HiveMetrics(_meters, new ServiceLevelCache()));
        return new(_stored, recorder, new HiveClock(_time), Entity, version => TaskCatalogRow.From(_stored.State, version, wakeAt: null),
            () => _discarded++, ChangeMetric.TaskTransition);
    }

    private sealed class OwnMeter : IMeterFactory
    {
        public Meter Meter { get; private set; } = null!;

        public Meter Create(MeterOptions options) => Meter = new Meter(options);

        public void Dispose() => Meter?.Dispose();
    }

    private sealed class FakeState : IPersistentState<TaskState>
    {
        public TaskState State { get; set; } = new();
        public string? Etag => null;
        public bool RecordExists => Writes > 0;
        public int Writes { get; private set; }
        public bool Fail { get; set; }
        public bool Cleared { get; private set; }

        public Task ClearStateAsync()
        {
            Cleared = true;
            return Task.CompletedTask;
        }

        public Task WriteStateAsync()
        {
            if (Fail) throw new InvalidOperationException("storage is down");
            Writes++;
            return Task.CompletedTask;
        }

        public Task ReadStateAsync() => Task.CompletedTask;
    }
}
