using Hive.Memory;

namespace Hive.Ports;

/// <summary>
/// The bounded change log of memory channels, keyed by channel id (<c>namespace/channel</c>). Each revision of a channel
/// is taken at most once, by a change or by a skip (a revision whose write failed or was given up), so a change stored
/// under a revision is the only one it will ever hold. It keeps at least the newest <c>Hive:Memory:ChangeLogRetention</c>
/// revisions of each channel (skips count) and may drop older ones. In durable mode changes are inserted by the grain
/// storage in the key's state transaction; <see cref="AppendAsync"/> is the same insert for stores that cannot.
/// Adapters: in-memory, PostgreSQL.
/// </summary>
public interface IMemoryChangeLog
{
    /// <summary>
    /// Stores the changes, in any revision order, and returns when they are durable. Throws
    /// <see cref="InvalidOperationException"/> and stores none when any of their revisions is already taken by another
    /// change or a skip; a change already stored exactly as given counts as stored (a retry).
    /// </summary>
    Task AppendAsync(string channel, IReadOnlyList<MemoryChange> changes, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes every one of <paramref name="revisions"/> that holds no change as a skip, so a late write of it is refused;
    /// revisions holding a change keep it. Afterwards what the log shows for them is final.
    /// </summary>
    Task SkipAsync(string channel, IReadOnlyList<long> revisions, CancellationToken cancellationToken = default);

    /// <summary>
    /// At most <paramref name="max"/> retained changes with a revision above <paramref name="afterRevision"/>, oldest first;
    /// skips are not returned, so revisions may jump.
    /// </summary>
    Task<MemoryLogRead> ReadAsync(string channel, long afterRevision, int max, CancellationToken cancellationToken = default);

    /// <summary>The highest revision taken in the channel (by a change or a skip); 0 when none is.</summary>
    Task<long> LatestRevisionAsync(string channel, CancellationToken cancellationToken = default);
}
