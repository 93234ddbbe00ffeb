namespace Hive.Memory;

/// <summary>
/// The answer to "changes of this channel after revision r" (etcd's watch contract). <see cref="Changes"/> are every
/// stored change after r, in revision order; revisions may skip (a failed write leaves its revision unused). With no
/// changes and <see cref="CurrentRevision"/> above r, every revision up to it was skipped: ask from it next. When r is
/// older than the bounded log still holds (or is a revision the channel never issued), <see cref="Compacted"/> is true
/// and <see cref="Changes"/> is empty: re-read the keys you care about and watch again from <see cref="CurrentRevision"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("hive.memory-watch-result.v1")]
public sealed record WatchResult(
    [property: Id(0)] IReadOnlyList<MemoryChange> Changes,
    [property: Id(1)] long CurrentRevision,
    [property: Id(2)] bool Compacted);
