using Hive.Memory;

namespace Hive.Ports;

/// <summary>
/// The bounded, append-only change log of memory channels, keyed by channel id (<c>namespace/channel</c>). It keeps
/// at least the most recent <c>Hive:Memory:ChangeLogRetention</c> changes of each channel and may drop older ones.
/// Every call takes or returns whole batches, so an adapter can write many changes in one round trip.
/// Adapters: in-memory, PostgreSQL.
/// </summary>
public interface IMemoryChangeLog
{
    /// <summary>
    /// Appends the changes, whose revisions must continue the channel's latest revision without gaps, and returns
    /// when they are durable. Throws and appends none when they do not (another writer got there first).
    /// </summary>
    Task AppendAsync(string channel, IReadOnlyList<MemoryChange> changes, CancellationToken cancellationToken = default);

    /// <summary>At most <paramref name="max"/> retained changes with a revision above <paramref name="afterRevision"/>, oldest first.</summary>
    Task<MemoryLogRead> ReadAsync(string channel, long afterRevision, int max, CancellationToken cancellationToken = default);

    /// <summary>The revision of the channel's last change; 0 when it has none.</summary>
    Task<long> LatestRevisionAsync(string channel, CancellationToken cancellationToken = default);
}
