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

    /// <summary>
    /// Namespaces are the scopes of the channel rows, whose ids are <c>namespace/channel</c>: the rows of one namespace
    /// sort together, so a page skips each namespace's remaining rows by reading after <c>namespace/~</c> ('~' sorts,
    /// ordinally as the catalog orders ids, after every character an id may hold).
    /// </summary>
    public static async Task<Page<string>> NamespacesAsync(IEntityCatalog catalog, int pageSize, string? afterNamespace)
    {
        var names = new List<string>(pageSize);
        var last = afterNamespace;
        while (names.Count < pageSize)
        {
            var rows = await catalog.QueryAsync(new CatalogQuery(EntityKind.MemoryChannel, PageSize: 1,
                AfterId: last is null ? null : last + "/~"));
            if (rows.Count == 0) return new(names, null);
            last = rows[0].Scope!;
            names.Add(last);
        }
        return new(names, last);
    }
}
