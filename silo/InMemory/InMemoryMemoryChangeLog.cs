using Hive.Memory;

namespace Hive.Silo.InMemory;

/// <summary>
/// The memory change log for single-process mode: the newest <c>retention</c> revisions of each channel (changes and
/// skips), gone when the process ends. Revisions may arrive in any order, since keys store them as their writes finish.
/// Old revisions are dropped in chunks, and a dropped revision counts as taken, so it can never be written again.
/// </summary>
public sealed class InMemoryMemoryChangeLog : IMemoryChangeLog
{
    private readonly Dictionary<string, ChannelLog> _channels = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly int _retention;

    public InMemoryMemoryChangeLog(int retention)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retention, 1);
        _retention = retention;
    }

    public Task AppendAsync(string channel, IReadOnlyList<MemoryChange> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        lock (_gate)
        {
            var log = LogOf(channel);
            var seen = new HashSet<long>();
            var fresh = new List<MemoryChange>(changes.Count);
            foreach (var change in changes)
            {
                // The very change already stored is a retry, not a rival: it counts as stored, as in PostgreSQL.
                if (log.Entries.TryGetValue(change.Revision, out var stored) && change.Equals(stored) && seen.Add(change.Revision)) continue;
                if (!log.IsFree(change.Revision, _retention) || !seen.Add(change.Revision))
                    throw new InvalidOperationException($"Revision {change.Revision} of channel {channel} is already taken; none of the {changes.Count} changes were stored.");
                fresh.Add(change);
            }
            foreach (var change in fresh) log.Entries.Add(change.Revision, change);
            log.Trim(_retention);
        }
        return Task.CompletedTask;
    }

    public Task SkipAsync(string channel, IReadOnlyList<long> revisions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(revisions);
        lock (_gate)
        {
            var log = LogOf(channel);
            foreach (var revision in revisions)
            {
                if (log.IsFree(revision, _retention)) log.Entries.Add(revision, null);
            }
            log.Trim(_retention);
        }
        return Task.CompletedTask;
    }

    public Task<MemoryLogRead> ReadAsync(string channel, long afterRevision, int max, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_channels.TryGetValue(channel, out var log) || log.Entries.Count == 0) return Task.FromResult(new MemoryLogRead([], 1, 0));
            var keys = log.Entries.Keys;
            var latest = keys[^1];
            // The list may hold up to twice the retention between trims; the log promises only the retention.
            var oldest = Math.Max(latest - _retention + 1, keys[0]);
            var changes = new List<MemoryChange>();
            for (var i = LowerBound(keys, Math.Max(afterRevision + 1, oldest)); i < keys.Count && changes.Count < max; i++)
            {
                if (log.Entries.Values[i] is { } change) changes.Add(change);
            }
            return Task.FromResult(new MemoryLogRead(changes, oldest, latest));
        }
    }

    public Task<long> LatestRevisionAsync(string channel, CancellationToken cancellationToken = default)
    {
        lock (_gate) return Task.FromResult(_channels.TryGetValue(channel, out var log) && log.Entries.Count > 0 ? log.Entries.Keys[^1] : 0);
    }

    private ChannelLog LogOf(string channel)
    {
        if (!_channels.TryGetValue(channel, out var log)) _channels[channel] = log = new ChannelLog();
        return log;
    }

    /// <summary>The index of the first revision at or above <paramref name="revision"/>.</summary>
    private static int LowerBound(IList<long> keys, long revision)
    {
        int low = 0, high = keys.Count;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (keys[mid] < revision) low = mid + 1;
            else high = mid;
        }
        return low;
    }

    /// <summary>One channel's revisions (a null change is a skip) and the highest one dropped.</summary>
    /// <summary>How many revisions (changes and skips) it holds across channels, for the store-size gauges.</summary>
    public long Count
    {
        get
        {
            lock (_gate) return _channels.Values.Sum(c => (long)c.Entries.Count);
        }
    }

    private sealed class ChannelLog
    {
        public SortedList<long, MemoryChange?> Entries { get; private set; } = [];

        public long Dropped { get; private set; }

        /// <summary>Not taken, and not older than the retained window (as in PostgreSQL, where such a row would be trimmed unseen).</summary>
        public bool IsFree(long revision, int retention) =>
            revision > Dropped && (Entries.Count == 0 || revision > Entries.Keys[^1] - retention) && !Entries.ContainsKey(revision);

        /// <summary>Rebuilds once the list holds twice the retention, so dropping costs O(1) per revision amortised.</summary>
        public void Trim(int retention)
        {
            if (Entries.Count < 2 * retention) return;
            Dropped = Math.Max(Dropped, Entries.Keys[^1] - retention);
            var kept = new SortedList<long, MemoryChange?>(2 * retention);
            foreach (var (revision, change) in Entries)
            {
                if (revision > Dropped) kept.Add(revision, change);
            }
            Entries = kept;
        }
    }
}
