using Hive.Memory;

namespace Hive.Client;

/// <summary>
/// One event of a memory watch stream. <see cref="Revision"/> is where the stream now stands: the change's revision,
/// or for <see cref="MemoryWatchEventKind.Compacted"/> the revision it resumes after. To resume a stream later,
/// pass the last <see cref="Revision"/> you handled.
/// </summary>
public sealed record MemoryWatchEvent(MemoryWatchEventKind Kind, long Revision, MemoryChange? Change)
{
    public static MemoryWatchEvent Changed(MemoryChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return new(MemoryWatchEventKind.Change, change.Revision, change);
    }

    public static MemoryWatchEvent CompactedAt(long revision) => new(MemoryWatchEventKind.Compacted, revision, null);
}
