using Hive.Catalog;
using Hive.Memory;

namespace Hive.Client;

/// <summary>
/// Shared memory: JSON values under namespace / channel / key, with versions for compare-and-set, optional time to
/// live, listings, and a watch stream of every change to a channel. Namespace, channel, key and author are ids.
/// </summary>
public sealed class HiveMemory(IClusterClient cluster, HiveCalls calls)
{
    private const int ChangesPerPoll = 500;

    /// <summary>
    /// Writes a JSON value. <paramref name="expectedVersion"/>: null writes unconditionally, 0 only creates, v only
    /// replaces version v; otherwise <c>conflict</c> with <see cref="HiveException.CurrentVersion"/>. With a
    /// <paramref name="ttl"/> the value disappears that long after this write.
    /// </summary>
    public Task<MemoryEntry> PutAsync(string ns, string channel, string key, string valueJson, string author,
        long? expectedVersion = null, TimeSpan? ttl = null) =>
        calls.Run(() => Key(ns, channel, key).Put(valueJson, author, expectedVersion, ttl), ("value", valueJson));

    /// <summary>Writes only when the key is at <paramref name="expectedVersion"/> (0: only when absent); see <see cref="PutAsync"/>.</summary>
    public Task<MemoryEntry> CompareAndSetAsync(string ns, string channel, string key, string valueJson, string author,
        long expectedVersion, TimeSpan? ttl = null) =>
        PutAsync(ns, channel, key, valueJson, author, expectedVersion, ttl);

    /// <summary>The value now, or null when the key is absent or expired.</summary>
    public Task<MemoryEntry?> GetAsync(string ns, string channel, string key) => calls.Run(() => Key(ns, channel, key).Get());

    /// <summary>Deletes the value; false when there was none. <paramref name="expectedVersion"/> works as for <see cref="PutAsync"/>.</summary>
    public Task<bool> DeleteAsync(string ns, string channel, string key, string author, long? expectedVersion = null) =>
        calls.Run(() => Key(ns, channel, key).Delete(author, expectedVersion));

    /// <summary>The live keys of a channel, ordered by key. Pass <see cref="Page{T}.NextPageToken"/> back for the next page.</summary>
    public Task<Page<MemoryKeySummary>> ListKeysAsync(string ns, string channel, int pageSize = Limits.DefaultPageSize, string? pageToken = null) =>
        calls.Run(() => cluster.GetGrain<IHiveQueryGrain>(0).ListMemoryKeys(new MemoryKeyQuery(ns, channel, pageSize, pageToken)));

    /// <summary>The channels of a namespace that have recorded a change, ordered by name.</summary>
    public Task<Page<MemoryChannelSummary>> ListChannelsAsync(string ns, int pageSize = Limits.DefaultPageSize, string? pageToken = null) =>
        calls.Run(() => cluster.GetGrain<IHiveQueryGrain>(0).ListMemoryChannels(new MemoryChannelQuery(ns, pageSize, pageToken)));

    /// <summary>The namespaces that have at least one channel, ordered by name.</summary>
    public Task<Page<string>> ListNamespacesAsync(int pageSize = Limits.DefaultPageSize, string? pageToken = null) =>
        calls.Run(() => cluster.GetGrain<IHiveQueryGrain>(0).ListMemoryNamespaces(new MemoryNamespaceQuery(pageSize, pageToken)));

    /// <summary>
    /// Every change to the channel after <paramref name="afterRevision"/> (0: all the log still holds), in revision
    /// order, until <paramref name="cancellationToken"/> is cancelled (then it throws <see cref="OperationCanceledException"/>).
    /// Lost connections are retried with backoff and resume where the stream stood. When changes were compacted away
    /// it yields a <see cref="MemoryWatchEventKind.Compacted"/> event: re-read what you depend on; the stream goes on.
    /// </summary>
    public IAsyncEnumerable<MemoryWatchEvent> WatchAsync(string ns, string channel, long afterRevision = 0, CancellationToken cancellationToken = default)
    {
        if (afterRevision < 0) throw HiveException.Validation($"Watch from revision 0 or later; got {afterRevision}.");
        var grain = Channel(ns, channel);
        var loop = new MemoryWatchLoop((after, ct) => calls.RunOnce(() => grain.Watch(after, ChangesPerPoll, MemoryLimits.MaxWatchWait)).WaitAsync(ct));
        return loop.RunAsync(afterRevision, cancellationToken);
    }

    private IMemoryKeyGrain Key(string ns, string channel, string key) => cluster.GetGrain<IMemoryKeyGrain>(GrainKeys.MemoryKey(
        HiveIds.Require(ns, "Namespace"), HiveIds.Require(channel, "Channel"), HiveIds.Require(key, "Key")));

    private IMemoryChannelGrain Channel(string ns, string channel) => cluster.GetGrain<IMemoryChannelGrain>(GrainKeys.MemoryChannel(
        HiveIds.Require(ns, "Namespace"), HiveIds.Require(channel, "Channel")));
}
