using Hive.Ports;
using Hive.Retention;

namespace Hive.Memory;

/// <summary>Purging a memory key deleted (or expired) long enough ago; see <see cref="IPurgeable"/>.</summary>
public sealed partial class MemoryKeyGrain : IPurgeable
{
    /// <summary>
    /// Leaves the channel's log alone: the key's changes stay there until the log's own retention drops them. A key put
    /// again after its purge starts over at version 1.
    /// </summary>
    public async Task<bool> Purge(DateTimeOffset finishedBefore)
    {
        if (State.Version == 0)
        {
            // Listed without state: a purge whose clear was stored but whose catalog removal (after it) was not.
            await recorder.ForgetAsync(new CatalogKey(EntityKind.MemoryKey, Path.Id));
            return false;
        }
        if (State.HasValue || State.UpdatedAt >= finishedBefore) return false;
        var row = MemoryKeyCatalogRow.From(Path, State);
        await recorder.PurgeAsync(stored, row, PurgeEvent.Of(clock.Now, Path.Entity, row.Status, State.UpdatedAt), DeactivateOnIdle);
        WatchExpiry();
        DeactivateOnIdle();
        return true;
    }
}
