namespace Hive.Memory;

/// <summary>
/// A channel's revisions: it hands them out in order with no I/O and tracks the ones whose writes are still in flight.
/// <see cref="Visible"/> is the highest revision below which every reservation is settled, so a watcher that reads up
/// to it never passes a revision that a slow writer may still store. Pure, so it is table-tested without a cluster.
/// </summary>
public sealed class RevisionWindow(long latest)
{
    private readonly SortedDictionary<long, DateTimeOffset> _pending = [];

    /// <summary>The last revision handed out.</summary>
    public long Issued { get; private set; } = latest;

    /// <summary>Every revision up to this one is settled: the log holds its change, its skip, or it was trimmed.</summary>
    public long Visible { get; private set; } = latest;

    /// <summary>Reservations not yet settled.</summary>
    public int Pending => _pending.Count;

    /// <summary>The next revision, pending until <see cref="Settle"/>; it counts as overdue from <paramref name="deadline"/>.</summary>
    public long Reserve(DateTimeOffset deadline)
    {
        var revision = ++Issued;
        _pending.Add(revision, deadline);
        return revision;
    }

    /// <summary>Marks the revision settled; true when that moved <see cref="Visible"/>. Unknown revisions change nothing.</summary>
    public bool Settle(long revision)
    {
        if (!_pending.Remove(revision)) return false;
        using var first = _pending.Keys.GetEnumerator();
        var visible = first.MoveNext() ? first.Current - 1 : Issued;
        if (visible == Visible) return false;
        Visible = visible;
        return true;
    }

    /// <summary>The pending revisions whose deadline is at or before <paramref name="now"/>, in order.</summary>
    public IReadOnlyList<long> Overdue(DateTimeOffset now) => _pending.Where(p => p.Value <= now).Select(p => p.Key).ToArray();
}
