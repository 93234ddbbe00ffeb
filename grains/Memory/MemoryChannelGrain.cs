using Hive.Health;
using Hive.Ports;
using Microsoft.Extensions.Options;

namespace Hive.Memory;

/// <summary>
/// One memory channel. It keeps no state of its own: it hands out revisions from a counter (no I/O), its keys write
/// each change to the log in their own state transaction and report back, and watchers read the log only up to the
/// highest revision below which every reservation is settled. Revisions whose write failed or went silent are taken
/// as skips in the log, so a revision holds at most one change, ever. Calls interleave, so watchers never block writers;
/// the watches that wait are capped per channel and per caller, and each answer is capped in bytes.
/// </summary>
public sealed partial class MemoryChannelGrain(
    IMemoryChangeLog changeLog,
    IEntityCatalog catalog,
    HiveClock clock,
    IOptions<MemoryOptions> options,
    IOptions<HiveTimingOptions> timing,
    HiveMetrics metrics,
    ILogger<MemoryChannelGrain> log) : Grain, IMemoryChannelGrain, IMemoryChannelSequencer
{
    /// <summary>Bounds the reservations in flight, and so how far below the log's latest a lost activation's writes can be.</summary>
    internal const int MaxPending = 1000;

    /// <summary>What a watch refused for the waiter caps is told; a place frees as soon as any waiting watch answers.</summary>
    internal static readonly TimeSpan WatchRetryAfter = TimeSpan.FromSeconds(1);

    private readonly TimeSpan _timeout = options.Value.ReservationTimeout;
    private readonly int _maxAnswerBytes = options.Value.MaxWatchAnswerBytes;
    private readonly TimeSpan _checkInterval = timing.Value.CheckInterval;
    private MemoryChannelPath _path;
    private RevisionWindow _window = null!;
    private TaskCompletionSource _advanced = NewSignal();
    private IGrainTimer? _overdueCheck;
    private bool _listed;
    private LongPollWaiters _waiters = null!;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _path = MemoryChannelPath.Parse(GrainKeys.IdOf(this.GetPrimaryKeyString()));
        _waiters = new LongPollWaiters(options.Value.MaxWatchers, options.Value.MaxWatchersPerCaller, _path.Entity, WatchRetryAfter,
            () => metrics.RateLimited(OperationKind.Read, "waiters"));
        var latest = await changeLog.LatestRevisionAsync(_path.Id, cancellationToken);
        // A lost activation may have handed out revisions whose writes are still in flight. Taking the empty ones
        // below the latest as skips makes those writes fail rather than land behind watchers that already passed them.
        if (latest > 0)
        {
            var from = Math.Max(1, latest - MaxPending + 1);
            await changeLog.SkipAsync(_path.Id, Enumerable.Range(0, (int)(latest - from + 1)).Select(i => from + i).ToArray(), cancellationToken);
        }
        _window = new RevisionWindow(latest);
    }

    Task<long> IMemoryChannelSequencer.Reserve()
    {
        if (_window.Pending >= MaxPending)
        {
            throw new HiveException(HiveErrorCodes.StorageUnavailable,
                $"{_path.Entity} has {MaxPending} writes in flight, so this one was not started. Try again.", _path.Entity);
        }
        var revision = _window.Reserve(clock.Now + _timeout);
        // Keeps the activation (and its counter) alive until every reservation is settled.
        _overdueCheck ??= this.RegisterGrainTimer(static (self, _) => self.SettleOverdueAsync(), this,
            new GrainTimerCreationOptions(_checkInterval, _checkInterval) { KeepAlive = true });
        return Task.FromResult(revision);
    }

    async Task IMemoryChannelSequencer.Settle(long revision, bool stored)
    {
        if (stored)
        {
            Advance(_window.Settle(revision));
            await ListOnceAsync(revision);
            return;
        }
        await SkipAsync([revision]);
    }

    public async Task<WatchResult> Watch(long sinceRevision, int maxChanges, TimeSpan wait)
    {
        if (sinceRevision < 0)
            throw HiveException.Validation($"Watch from revision 0 or later; got {sinceRevision}.", _path.Entity);
        if (maxChanges is < 1 or > MemoryLimits.MaxWatchChanges)
            throw HiveException.Validation($"A watch returns 1–{MemoryLimits.MaxWatchChanges} changes at a time; got {maxChanges}.", _path.Entity);
        if (wait < TimeSpan.Zero)
            throw HiveException.Validation($"A watch cannot wait a negative time; got {wait}.", _path.Entity);

        // Nothing changed within the wait answers "no changes yet", and the watcher asks again.
        if (_window.Visible == sinceRevision && wait > TimeSpan.Zero)
            await _waiters.WaitAsync(RequestCaller.Current, _advanced.Task, wait < MemoryLimits.MaxWatchWait ? wait : MemoryLimits.MaxWatchWait);
        return await ReadAsync(sinceRevision, maxChanges);
    }

    private async Task<WatchResult> ReadAsync(long sinceRevision, int maxChanges)
    {
        // Only settled revisions are shown: a watcher never holds a revision a slow writer could still fill in, and
        // anything above it was never issued by this activation (e.g. an in-memory log that restarted).
        var current = _window.Visible;
        if (sinceRevision > current) return new WatchResult([], current, Compacted: true);
        if (sinceRevision == current) return new WatchResult([], current, Compacted: false);
        var read = await changeLog.ReadAsync(_path.Id, sinceRevision, maxChanges);
        if (sinceRevision + 1 < read.OldestRevision) return new WatchResult([], current, Compacted: true);
        return WatchAnswer.Of(read.Changes, maxChanges, current, _maxAnswerBytes);
    }

    private Task SettleOverdueAsync()
    {
        if (_window.Pending == 0)
        {
            _overdueCheck?.Dispose();
            _overdueCheck = null;
            return Task.CompletedTask;
        }
        var overdue = _window.Overdue(clock.Now);
        if (overdue.Count == 0) return Task.CompletedTask;
        LogOverdue(log, _path.Id, overdue.Count, overdue[0]);
        return SkipAsync(overdue);
    }

    /// <summary>Settles revisions whose writes failed or went silent, once the log's answer for them is final.</summary>
    private async Task SkipAsync(IReadOnlyList<long> revisions)
    {
        try
        {
            await changeLog.SkipAsync(_path.Id, revisions);
        }
        catch (Exception e)
        {
            // They stay pending, so watchers wait; the overdue check tries again.
            LogSkipFailed(log, e, _path.Id, revisions[0]);
            return;
        }
        var moved = false;
        foreach (var revision in revisions) moved |= _window.Settle(revision);
        Advance(moved);
    }

    private void Advance(bool moved)
    {
        if (!moved) return;
        var advanced = _advanced;
        _advanced = NewSignal();
        advanced.SetResult();
    }

    private async Task ListOnceAsync(long revision)
    {
        if (_listed) return;
        _listed = true;
        try
        {
            await catalog.UpsertAsync([MemoryChannelCatalogRow.From(_path, revision, clock.Now)]);
        }
        catch (Exception e)
        {
            // The change is already stored; failing now would misreport it. The next change lists again.
            _listed = false;
            LogListFailed(log, e, _path.Id);
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Memory channel {Channel}: {Count} writes did not report within the reservation timeout (first: revision {Revision}); taking them as skips")]
    private static partial void LogOverdue(ILogger logger, string channel, int count, long revision);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Memory channel {Channel}: could not take unused revisions from {Revision} as skips; watchers wait and the channel tries again")]
    private static partial void LogSkipFailed(ILogger logger, Exception exception, string channel, long revision);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Memory channel {Channel}: could not write its catalog row; the next change tries again")]
    private static partial void LogListFailed(ILogger logger, Exception exception, string channel);
}
