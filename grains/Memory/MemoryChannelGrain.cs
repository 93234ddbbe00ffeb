using Hive.Ports;

namespace Hive.Memory;

/// <summary>
/// One memory channel. It keeps no state of its own: its revision is the log's latest when it activates, and its
/// catalog row is written once per activation. Calls interleave, so watchers wait without blocking writers, and
/// writers that arrive together share one log append.
/// </summary>
public sealed partial class MemoryChannelGrain(
    IMemoryChangeLog changeLog,
    IEntityCatalog catalog,
    HiveClock clock,
    ILogger<MemoryChannelGrain> log) : Grain, IMemoryChannelGrain
{
    private MemoryChannelPath _path;
    private ChangeSequencer _sequencer = null!;
    private bool _listed;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _path = MemoryChannelPath.Parse(GrainKeys.IdOf(this.GetPrimaryKeyString()));
        _sequencer = new ChangeSequencer(_path.Id, changeLog);
        return _sequencer.LoadAsync(cancellationToken);
    }

    public async Task<long> Record(MemoryChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        long revision;
        try
        {
            revision = await _sequencer.RecordAsync(change);
        }
        catch (Exception e)
        {
            LogAppendFailed(log, e, _path.Id);
            throw new HiveException(HiveErrorCodes.StorageUnavailable,
                $"The change log of {_path.Entity} could not be written, so key '{change.Key}' was not changed. Try again.", _path.Entity);
        }
        await ListOnceAsync(revision);
        return revision;
    }

    public async Task<WatchResult> Watch(long sinceRevision, int maxChanges, TimeSpan wait)
    {
        if (sinceRevision < 0)
            throw HiveException.Validation($"Watch from revision 0 or later; got {sinceRevision}.", _path.Entity);
        if (maxChanges is < 1 or > MemoryLimits.MaxWatchChanges)
            throw HiveException.Validation($"A watch returns 1–{MemoryLimits.MaxWatchChanges} changes at a time; got {maxChanges}.", _path.Entity);
        if (wait < TimeSpan.Zero)
            throw HiveException.Validation($"A watch cannot wait a negative time; got {wait}.", _path.Entity);

        var nextBatch = _sequencer.NextBatch;
        if (_sequencer.Revision == sinceRevision && wait > TimeSpan.Zero)
        {
            try
            {
                await nextBatch.WaitAsync(wait < MemoryLimits.MaxWatchWait ? wait : MemoryLimits.MaxWatchWait);
            }
            catch (TimeoutException)
            {
                // Nothing changed within the wait: answer "no changes yet", the watcher asks again.
            }
        }
        return await ReadAsync(sinceRevision, maxChanges);
    }

    private async Task<WatchResult> ReadAsync(long sinceRevision, int maxChanges)
    {
        // Only revisions already acknowledged to their writers are shown, so a watcher never holds a revision
        // this activation does not know; anything above it was never issued (e.g. an in-memory log that restarted).
        var current = _sequencer.Revision;
        if (sinceRevision > current) return new WatchResult([], current, Compacted: true);
        if (sinceRevision == current) return new WatchResult([], current, Compacted: false);
        var read = await changeLog.ReadAsync(_path.Id, sinceRevision, maxChanges);
        if (sinceRevision + 1 < read.OldestRevision) return new WatchResult([], current, Compacted: true);
        return new WatchResult(read.Changes.Where(c => c.Revision <= current).ToArray(), current, Compacted: false);
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
            // The change is already in the log; failing the write now would misreport it. The next change lists again.
            _listed = false;
            LogListFailed(log, e, _path.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Memory channel {Channel}: appending to the change log failed")]
    private static partial void LogAppendFailed(ILogger logger, Exception exception, string channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Memory channel {Channel}: could not write its catalog row; the next change tries again")]
    private static partial void LogListFailed(ILogger logger, Exception exception, string channel);
}
