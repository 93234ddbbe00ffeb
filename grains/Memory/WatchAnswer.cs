using System.Text;

namespace Hive.Memory;

/// <summary>
/// Shapes what one watch poll answers from a log read: only revisions the channel shows, at most a byte budget of them,
/// and the revision the watcher asks from next. Pure, so it is table-tested without a cluster.
/// </summary>
internal static class WatchAnswer
{
    /// <summary>An allowance per change for its revision, version, kind, time and the framing around its texts.</summary>
    internal const int FixedBytesPerChange = 64;

    /// <summary>
    /// The answer to a watch after <paramref name="sinceRevision"/> whose log read asked for <paramref name="maxChanges"/>
    /// and got <paramref name="read"/> (oldest first, not compacted). Only revisions up to <paramref name="visible"/> are
    /// shown, and only as many as fit in <paramref name="maxBytes"/>, but always at least one, so a change larger than
    /// the budget goes out alone rather than stalling the watcher. When the answer holds every change up to
    /// <paramref name="visible"/> its revision is <paramref name="visible"/>; when it was cut short (by the budget, or
    /// because the read was full and more may follow) it is the last change's, so the watcher asks on from there.
    /// </summary>
    public static WatchResult Of(IReadOnlyList<MemoryChange> read, int maxChanges, long visible, int maxBytes)
    {
        var shown = 0;
        while (shown < read.Count && read[shown].Revision <= visible) shown++;
        var fits = 0;
        long bytes = 0;
        while (fits < shown)
        {
            var size = SizeOf(read[fits]);
            if (fits > 0 && bytes + size > maxBytes) break;
            bytes += size;
            fits++;
        }
        // A full read shown whole may have more changes behind it; a read that went past the visible revision has none.
        var complete = fits == shown && (shown < read.Count || read.Count < maxChanges);
        var changes = read.Take(fits).ToArray();
        return new WatchResult(changes, complete ? visible : changes[^1].Revision, Compacted: false);
    }

    /// <summary>Roughly what the change weighs on the wire: its texts as UTF-8 and a fixed allowance for the rest.</summary>
    public static long SizeOf(MemoryChange change) =>
        FixedBytesPerChange + Encoding.UTF8.GetByteCount(change.Key) + Encoding.UTF8.GetByteCount(change.Author)
        + (change.Value is null ? 0 : Encoding.UTF8.GetByteCount(change.Value));
}
