using System.Diagnostics;
using System.Threading.Channels;

namespace Hive.Silo.Storage.GroupCommit;

/// <summary>
/// Group commit: callers submit items and one consumer writes whatever is queued as one batch, so writes that
/// arrive while a batch commits share the next round trip. A caller's task completes only when its batch has
/// committed, and fails with the batch (or with the error that refused its item alone).
/// Disposing stops taking items and waits until every queued item has been written or failed.
/// </summary>
public sealed partial class GroupCommitter<T> : IAsyncDisposable
{
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly BatchWriter<T> _write;
    private readonly GroupCommitOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly string _name;
    private readonly Task _consumer;
    private long _batches;
    private long _items;
    private int _largestBatch;

    public GroupCommitter(string name, BatchWriter<T> write, GroupCommitOptions options, ILogger log, TimeProvider? time = null)
    {
        _name = name;
        _write = write;
        _options = options;
        _log = log;
        _time = time ?? TimeProvider.System;
        // The consumer runs on the thread pool, never on a caller's (grain) scheduler.
        _consumer = options.Enabled ? Task.Run(RunAsync) : Task.CompletedTask;
    }

    /// <summary>Batches written so far, successful or not: one transaction each.</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>Items carried by those batches.</summary>
    public long Items => Interlocked.Read(ref _items);

    /// <summary>The most items one batch carried.</summary>
    public int LargestBatch => Volatile.Read(ref _largestBatch);

    /// <summary>
    /// Completes when the item is durable. Cancelling stops an item that is still queued; once its batch is being
    /// written the item commits or fails with it, so the caller learns the real outcome.
    /// </summary>
    public Task SubmitAsync(T item, CancellationToken cancellationToken = default)
    {
        if (!_options.Enabled) return WriteAloneAsync(item, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        var pending = new Pending(item, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously),
            Activity.Current?.Context ?? default, cancellationToken);
        if (!_queue.Writer.TryWrite(pending)) throw new ObjectDisposedException(_name, $"The {_name} writer has shut down.");
        return pending.Done.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _consumer;
    }

    private async Task WriteAloneAsync(T item, CancellationToken cancellationToken)
    {
        Count(1);
        var refused = await _write([item], cancellationToken);
        if (refused?[0] is { } error) throw error;
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<Pending>(_options.MaxBatch);
        while (await reader.WaitToReadAsync())
        {
            Drain(reader, batch);
            if (_options.Linger > TimeSpan.Zero && batch.Count < _options.MaxBatch)
            {
                await Task.Delay(_options.Linger, _time);
                Drain(reader, batch);
            }
            if (batch.Count > 0) await CommitAsync(batch);
            batch.Clear();
        }
    }

    /// <summary>Takes what is queued now, up to a full batch; items whose callers gave up are dropped here.</summary>
    private void Drain(ChannelReader<Pending> reader, List<Pending> batch)
    {
        while (batch.Count < _options.MaxBatch && reader.TryRead(out var pending))
        {
            if (pending.Cancellation.IsCancellationRequested) pending.Done.TrySetCanceled(pending.Cancellation);
            else batch.Add(pending);
        }
    }

    /// <summary>Writes one batch and settles every caller in it; never throws, so the consumer keeps running.</summary>
    private async Task CommitAsync(List<Pending> batch)
    {
        Count(batch.Count);
        using var span = StartBatchSpan(batch);
        Exception?[]? refused;
        try
        {
            refused = await _write(batch.ConvertAll(p => p.Item), CancellationToken.None);
        }
        catch (Exception e)
        {
            // A Hive error (storage unavailable) is already logged where it arose, once per outage rather than per batch.
            if (e is HiveException) LogBatchRefused(_log, _name, batch.Count, e.Message);
            else LogBatchFailed(_log, e, _name, batch.Count);
            foreach (var pending in batch) pending.Done.TrySetException(e);
            return;
        }
        for (var i = 0; i < batch.Count; i++)
        {
            if (refused?[i] is { } error) batch[i].Done.TrySetException(error);
            else batch[i].Done.TrySetResult();
        }
    }

    /// <summary>
    /// The batch's span continues the first traced caller's trace and links the others, so every caller's trace reaches
    /// the statement that wrote its item. Null (free) while nobody traces.
    /// </summary>
    private Activity? StartBatchSpan(List<Pending> batch)
    {
        if (!HiveTracing.Source.HasListeners()) return null;
        var traced = batch.Where(p => p.Trace != default).Select(p => p.Trace).ToList();
        var span = HiveTracing.Source.StartActivity(ActivityKind.Internal, traced.FirstOrDefault(),
            links: traced.Skip(1).Select(t => new ActivityLink(t)), name: _name + " batch");
        span?.SetTag("hive.batch.size", batch.Count);
        return span;
    }

    private void Count(int items)
    {
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _items, items);
        var largest = Volatile.Read(ref _largestBatch);
        while (items > largest)
        {
            var seen = Interlocked.CompareExchange(ref _largestBatch, items, largest);
            if (seen == largest) break;
            largest = seen;
        }
    }

    private sealed record Pending(T Item, TaskCompletionSource Done, ActivityContext Trace, CancellationToken Cancellation);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Writer}: a batch of {Count} writes failed; each of its callers gets the error")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, string writer, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Writer}: a batch of {Count} writes was refused: {Reason}")]
    private static partial void LogBatchRefused(ILogger logger, string writer, int count, string reason);
}
