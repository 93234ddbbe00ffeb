using Hive.Health;

namespace Hive.Memory;

/// <summary>
/// One memory channel, keyed by <see cref="Common.GrainKeys.MemoryChannel"/>: it numbers every change to its keys
/// and keeps the most recent ones in a bounded log that watchers read.
/// </summary>
public interface IMemoryChannelGrain : IGrainWithStringKey
{
    /// <summary>
    /// Appends a change made by one of the channel's key grains and returns its revision (the revision in
    /// <paramref name="change"/> is ignored). Returns only once the change is durable in the log. Internal use.
    /// </summary>
    [AlwaysInterleave]
    Task<long> Record(MemoryChange change);

    /// <summary>
    /// A long poll for changes after <paramref name="sinceRevision"/>: answers as soon as there is at least one
    /// (at most <paramref name="maxChanges"/>), or with none when <paramref name="wait"/> (capped at 25 s) elapses.
    /// A revision older than the log holds answers <see cref="WatchResult.Compacted"/> at once.
    /// </summary>
    [Operation(OperationKind.Read)]
    [AlwaysInterleave]
    Task<WatchResult> Watch(long sinceRevision, int maxChanges, TimeSpan wait);
}
