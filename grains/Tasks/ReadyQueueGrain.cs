using Hive.Ports;
using Microsoft.Extensions.Options;

namespace Hive.Tasks;

/// <summary>
/// Ready tasks for one role or one named agent, in claim order. The catalog is the source of truth: the queue
/// loads the ready rows when it activates and again on a timer, and tasks tell it when they become ready, so neither
/// a lost activation nor a lost enqueue loses a task for longer than one resync interval. A claim asks the task
/// itself, which hands itself out exactly once.
/// </summary>
public sealed class ReadyQueueGrain(IEntityCatalog catalog, IOptions<HiveTimingOptions> timing) : Grain, IReadyQueueGrain
{
    private SortedSet<ReadyTaskEntry> _ready = new(ReadyTaskEntry.ClaimOrder);
    private Dictionary<string, ReadyTaskEntry> _byId = new(StringComparer.Ordinal);

    /// <summary>Entries enqueued while a resync reads the catalog; the resync keeps them.</summary>
    private List<ReadyTaskEntry>? _enqueuedDuringResync;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await ResyncAsync(cancellationToken);
        var interval = timing.Value.QueueResyncInterval;
        this.RegisterGrainTimer(static (self, token) => self.ResyncAsync(token), this, new GrainTimerCreationOptions(interval, interval));
    }

    /// <summary>
    /// Replaces the contents with the catalog's ready rows. The timer does not interleave with claims; an enqueue that
    /// interleaves is kept, since its task committed as ready before it told the queue.
    /// </summary>
    private async Task ResyncAsync(CancellationToken cancellationToken)
    {
        var queueKey = this.GetPrimaryKeyString();
        var ready = new SortedSet<ReadyTaskEntry>(ReadyTaskEntry.ClaimOrder);
        var byId = new Dictionary<string, ReadyTaskEntry>(StringComparer.Ordinal);
        var enqueued = new List<ReadyTaskEntry>();
        _enqueuedDuringResync = enqueued;
        try
        {
            for (string? after = null; ;)
            {
                var rows = await catalog.QueryAsync(new CatalogQuery(EntityKind.Task, nameof(HiveTaskStatus.Ready),
                    Scope: queueKey, PageSize: Limits.MaxPageSize, AfterId: after), cancellationToken);
                foreach (var row in rows) Add(ready, byId, new ReadyTaskEntry(row.Id, row.Priority, row.CreatedAt));
                if (rows.Count < Limits.MaxPageSize) break;
                after = rows[^1].Id;
            }
        }
        finally
        {
            _enqueuedDuringResync = null;
        }
        foreach (var entry in enqueued) Add(ready, byId, entry);
        (_ready, _byId) = (ready, byId);
    }

    public Task Enqueue(ReadyTaskEntry entry)
    {
        if (entry is null) throw HiveException.Validation("A ready queue entry is required.");
        HiveIds.Require(entry.TaskId, "Task id");
        _enqueuedDuringResync?.Add(entry);
        Add(entry);
        return Task.CompletedTask;
    }

    public Task<ReadyTaskEntry?> Peek() => Task.FromResult(_ready.Count == 0 ? null : _ready.Min);

    public async Task<string?> ClaimFor(string agentId)
    {
        HiveIds.Require(agentId, "Agent id");
        while (_ready.Min is { } best)
        {
            Remove(best);
            bool assigned;
            try
            {
                assigned = await GrainFactory.GetGrain<ITaskAssignmentGrain>(GrainKeys.Task(best.TaskId)).TryAssign(agentId);
            }
            catch
            {
                Add(best);
                throw;
            }
            if (assigned) return best.TaskId;
        }
        return null;
    }

    private void Add(ReadyTaskEntry entry) => Add(_ready, _byId, entry);

    private static void Add(SortedSet<ReadyTaskEntry> ready, Dictionary<string, ReadyTaskEntry> byId, ReadyTaskEntry entry)
    {
        if (byId.TryAdd(entry.TaskId, entry)) ready.Add(entry);
    }

    private void Remove(ReadyTaskEntry entry)
    {
        _ready.Remove(entry);
        _byId.Remove(entry.TaskId);
    }
}
