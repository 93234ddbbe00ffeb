using Hive.Ports;

namespace Hive.Tasks;

/// <summary>
/// Ready tasks for one role or one named agent, in claim order. The catalog is the source of truth: the queue
/// loads the ready rows when it activates and tasks add themselves when they become ready, so losing the
/// activation loses nothing. A claim asks the task itself, which hands itself out exactly once.
/// </summary>
public sealed class ReadyQueueGrain(IEntityCatalog catalog) : Grain, IReadyQueueGrain
{
    private readonly SortedSet<ReadyTaskEntry> _ready = new(ReadyTaskEntry.ClaimOrder);
    private readonly Dictionary<string, ReadyTaskEntry> _byId = new(StringComparer.Ordinal);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var queueKey = this.GetPrimaryKeyString();
        string? after = null;
        while (true)
        {
            var rows = await catalog.QueryAsync(new CatalogQuery(EntityKind.Task, nameof(HiveTaskStatus.Ready),
                Scope: queueKey, PageSize: Limits.MaxPageSize, AfterId: after), cancellationToken);
            foreach (var row in rows) Add(new ReadyTaskEntry(row.Id, row.Priority, row.CreatedAt));
            if (rows.Count < Limits.MaxPageSize) break;
            after = rows[^1].Id;
        }
    }

    public Task Enqueue(ReadyTaskEntry entry)
    {
        Add(entry);
        return Task.CompletedTask;
    }

    public Task<ReadyTaskEntry?> Peek() => Task.FromResult(_ready.Count == 0 ? null : _ready.Min);

    public async Task<string?> ClaimFor(string agentId)
    {
        while (_ready.Min is { } best)
        {
            Remove(best);
            bool assigned;
            try
            {
                assigned = await GrainFactory.GetGrain<ITaskGrain>(GrainKeys.Task(best.TaskId)).TryAssign(agentId);
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

    private void Add(ReadyTaskEntry entry)
    {
        if (_byId.TryAdd(entry.TaskId, entry)) _ready.Add(entry);
    }

    private void Remove(ReadyTaskEntry entry)
    {
        _ready.Remove(entry);
        _byId.Remove(entry.TaskId);
    }
}
