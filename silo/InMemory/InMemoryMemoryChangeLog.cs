using Hive.Memory;

namespace Hive.Silo.InMemory;

/// <summary>
/// The memory change log for single-process mode: the last <c>retention</c> changes of each channel, gone when the
/// process ends. Old changes are dropped in chunks, so an append costs O(1) amortised and a read is an index lookup.
/// </summary>
public sealed class InMemoryMemoryChangeLog : IMemoryChangeLog
{
    private readonly Dictionary<string, List<MemoryChange>> _channels = new(StringComparer.Ordinal);
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
            var log = _channels.TryGetValue(channel, out var known) ? known : [];
            var latest = LatestOf(log);
            for (var i = 0; i < changes.Count; i++)
            {
                if (changes[i].Revision != latest + 1 + i)
                {
                    throw new InvalidOperationException(
                        $"Channel {channel} is at revision {latest}; change {i} of the append has revision {changes[i].Revision}, not {latest + 1 + i}.");
                }
            }
            log.AddRange(changes);
            if (log.Count >= 2 * _retention) log.RemoveRange(0, log.Count - _retention);
            _channels[channel] = log;
        }
        return Task.CompletedTask;
    }

    public Task<MemoryLogRead> ReadAsync(string channel, long afterRevision, int max, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_channels.TryGetValue(channel, out var log) || log.Count == 0) return Task.FromResult(new MemoryLogRead([], 1, 0));
            var latest = LatestOf(log);
            // The list may hold up to twice the retention between trims; the log promises only the retention.
            var oldest = Math.Max(latest - _retention + 1, log[0].Revision);
            var from = Math.Max(afterRevision + 1, oldest);
            var count = (int)Math.Clamp(latest - from + 1, 0, max);
            MemoryChange[] changes = count == 0 ? [] : log.GetRange((int)(from - log[0].Revision), count).ToArray();
            return Task.FromResult(new MemoryLogRead(changes, oldest, latest));
        }
    }

    public Task<long> LatestRevisionAsync(string channel, CancellationToken cancellationToken = default)
    {
        lock (_gate) return Task.FromResult(_channels.TryGetValue(channel, out var log) ? LatestOf(log) : 0);
    }

    /// <summary>Trimming always leaves the newest changes, so the last one is the latest revision.</summary>
    private static long LatestOf(List<MemoryChange> log) => log.Count == 0 ? 0 : log[^1].Revision;
}
