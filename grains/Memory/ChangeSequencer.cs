using Hive.Ports;

namespace Hive.Memory;

/// <summary>
/// Numbers a channel's changes and appends them to its log. Changes that arrive while an append is in flight wait
/// and go together in the next one (group commit), so a hot channel costs one log write per round trip, not one
/// per change. Revisions are counted only once their append succeeded, so a failed append uses up none; after a
/// failure the next batch first asks the log for its latest revision, in case the append landed after all.
/// Thread-safe, so it does not depend on running inside a grain.
/// </summary>
internal sealed class ChangeSequencer(string channel, IMemoryChangeLog log)
{
    private const int MaxBatch = 500;

    private readonly Lock _gate = new();
    private readonly List<(MemoryChange Change, TaskCompletionSource<long> Done)> _queue = [];
    private TaskCompletionSource _next = NewSignal();
    private bool _flushing;
    private bool _resync = true;
    private long _revision;

    /// <summary>The revision of the last change known to be in the log.</summary>
    public long Revision
    {
        get { lock (_gate) return _revision; }
    }

    /// <summary>Completes when the next batch is in the log. Take it before reading <see cref="Revision"/>, so no batch slips between.</summary>
    public Task NextBatch
    {
        get { lock (_gate) return _next.Task; }
    }

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var latest = await log.LatestRevisionAsync(channel, cancellationToken);
        lock (_gate)
        {
            _revision = latest;
            _resync = false;
        }
    }

    /// <summary>Appends the change (its revision is replaced) and returns its revision once it is durable.</summary>
    public Task<long> RecordAsync(MemoryChange change)
    {
        var done = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        bool start;
        lock (_gate)
        {
            _queue.Add((change, done));
            start = !_flushing;
            _flushing = true;
        }
        if (start) _ = FlushAsync();
        return done.Task;
    }

    /// <summary>Runs while changes are queued; completes every caller's task and never throws itself.</summary>
    private async Task FlushAsync()
    {
        while (TakeBatch() is { } batch)
        {
            try
            {
                if (NeedsResync()) await LoadAsync(CancellationToken.None);
                var first = Revision + 1;
                await log.AppendAsync(channel, batch.Select((p, i) => p.Change with { Revision = first + i }).ToArray());
                TaskCompletionSource appended;
                lock (_gate)
                {
                    _revision = first + batch.Length - 1;
                    appended = _next;
                    _next = NewSignal();
                }
                for (var i = 0; i < batch.Length; i++) batch[i].Done.SetResult(first + i);
                appended.SetResult();
            }
            catch (Exception e)
            {
                lock (_gate) _resync = true;
                foreach (var p in batch) p.Done.SetException(e);
            }
        }
    }

    private (MemoryChange Change, TaskCompletionSource<long> Done)[]? TakeBatch()
    {
        lock (_gate)
        {
            if (_queue.Count == 0)
            {
                _flushing = false;
                return null;
            }
            var count = Math.Min(_queue.Count, MaxBatch);
            var batch = _queue.GetRange(0, count).ToArray();
            _queue.RemoveRange(0, count);
            return batch;
        }
    }

    private bool NeedsResync()
    {
        lock (_gate) return _resync;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
