namespace Hive.Memory;

/// <summary>
/// The answer to "changes of this channel after revision r" (etcd's watch contract). <see cref="Changes"/> are stored
/// changes after r, in revision order, with no gap between them; revisions may skip (a failed write leaves its revision
/// unused). <see cref="CurrentRevision"/> is where to ask from next: the channel's current revision when the answer holds
/// every change up to it, or the last change's revision when the answer was cut short (by the number of changes asked
/// for, or by the answer's byte cap, <c>Hive:Memory:MaxWatchAnswerBytes</c>); asking from it again goes on with no gap
/// and no duplicate. With no changes and <see cref="CurrentRevision"/> above r, every revision up to it was skipped. When
/// r is older than the bounded log still holds (or is a revision the channel never issued), <see cref="Compacted"/> is
/// true and <see cref="Changes"/> is empty: re-read the keys you care about and watch again from <see cref="CurrentRevision"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("hive.memory-watch-result.v1")]
public sealed record WatchResult(
    [property: Id(0)] IReadOnlyList<MemoryChange> Changes,
    [property: Id(1)] long CurrentRevision,
    [property: Id(2)] bool Compacted);
