using Hive.Silo.Telemetry;

namespace Hive.Silo.InMemory;

/// <summary>
/// Counts what the in-memory adapters hold. Grain state is left out: Orleans' memory storage cannot say how much it keeps.
/// A store replaced by another adapter (a test's) is left out too.
/// </summary>
public sealed class InMemoryStoreSizes(IEntityCatalog catalog, IAuditLog audit, IMemoryChangeLog memoryLog, IMessageStore messages) : IStoreSizes
{
    public Task<IReadOnlyList<StoreSize>> MeasureAsync(CancellationToken cancellationToken = default)
    {
        var sizes = new List<StoreSize>(5);
        if (catalog is InMemoryEntityCatalog c) sizes.Add(new(StoreSize.Catalog, c.Count, null));
        if (audit is InMemoryAuditLog a) sizes.Add(new(StoreSize.Audit, a.Count, null));
        if (memoryLog is InMemoryMemoryChangeLog m) sizes.Add(new(StoreSize.MemoryChanges, m.Count, null));
        if (messages is InMemoryMessageStore s)
        {
            sizes.Add(new(StoreSize.Messages, s.PendingCount, null));
            sizes.Add(new(StoreSize.InboxHeads, s.InboxCount, null));
        }
        return Task.FromResult<IReadOnlyList<StoreSize>>(sizes);
    }
}
