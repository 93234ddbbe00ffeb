using Hive.Memory;
using Hive.Ports;

namespace Hive.Catalog;

/// <summary>
/// Memory listings over the catalog. Keys whose time to live has run out are left out before the removal has run,
/// so a page may need several catalog reads; a bounded number of them keeps one call short, and a page that
/// stopped early still carries a token to go on from.
/// </summary>
internal static class MemoryListing
{
    private const int MaxReads = 8;

    public static async Task<Page<MemoryKeySummary>> KeysAsync(IEntityCatalog catalog, MemoryChannelPath channel, int pageSize,
        string? afterKey, DateTimeOffset now)
    {
        var items = new List<MemoryKeySummary>(pageSize);
        var lastKey = afterKey;
        for (var read = 0; read < MaxReads && items.Count < pageSize; read++)
        {
            var wanted = pageSize - items.Count;
            var rows = await catalog.QueryAsync(new CatalogQuery(EntityKind.MemoryKey, MemoryKeyCatalogRow.Live,
                Scope: channel.Id, PageSize: wanted, AfterId: lastKey is null ? null : $"{channel.Id}/{lastKey}"));
            items.AddRange(rows.Where(r => MemoryKeyCatalogRow.IsListed(r, now)).Select(MemoryKeyCatalogRow.ToSummary));
            if (rows.Count < wanted) return new(items, null);
            lastKey = rows[^1].Title;
        }
        return new(items, lastKey);
    }

    public static async Task<Page<MemoryChannelSummary>> ChannelsAsync(IEntityCatalog catalog, string ns, int pageSize, string? afterChannel)
    {
        var rows = await catalog.QueryAsync(new CatalogQuery(EntityKind.MemoryChannel, Scope: ns, PageSize: pageSize,
            AfterId: afterChannel is null ? null : $"{ns}/{afterChannel}"));
        return new(rows.Select(MemoryChannelCatalogRow.ToSummary).ToArray(), rows.Count == pageSize ? rows[^1].Title : null);
    }
}
