using Hive.Health;
using Hive.Security;

namespace Hive.Memory;

/// <summary>
/// One memory channel, keyed by <see cref="Common.GrainKeys.MemoryChannel"/>: it numbers every change to its keys
/// and keeps the most recent ones in a bounded log that watchers read. Revisions increase and are never reused; they
/// may skip (a write that failed leaves its revision unused).
/// </summary>
public interface IMemoryChannelGrain : IGrainWithStringKey
{
    /// <summary>
    /// A long poll for changes after <paramref name="sinceRevision"/>: answers as soon as there is at least one
    /// (at most <paramref name="maxChanges"/>, and about <c>Hive:Memory:MaxWatchAnswerBytes</c> of them, but always at
    /// least one), or with none when <paramref name="wait"/> (capped at 25 s) elapses or only skipped revisions passed.
    /// <see cref="WatchResult.CurrentRevision"/> is where to ask from next. Only changes that are stored are shown, each
    /// once, in revision order. A revision older than the log holds answers <see cref="WatchResult.Compacted"/> at once.
    /// A watch that would wait while the channel already has <c>Hive:Memory:MaxWatchers</c> waiting, or its caller
    /// <c>Hive:Memory:MaxWatchersPerCaller</c>, is refused with <c>rate-limited</c> and a retry-after.
    /// </summary>
    [Operation(OperationKind.Read, Actor = Acts.Caller, Scope = Scopes.Read)]
    [AlwaysInterleave]
    Task<WatchResult> Watch(long sinceRevision, int maxChanges, TimeSpan wait);
}
