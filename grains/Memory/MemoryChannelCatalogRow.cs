using Hive.Ports;

namespace Hive.Memory;

/// <summary>
/// Maps a channel to its catalog row, listed under its namespace. A channel grain writes it once per activation,
/// versioned by the revision it had then, so a later activation's row always wins.
/// </summary>
internal static class MemoryChannelCatalogRow
{
    public static CatalogEntry From(MemoryChannelPath path, long revision, DateTimeOffset now) => new(
        EntityKind.MemoryChannel,
        path.Id,
        revision,
        "Active",
        path.Channel,
        Type: null,
        Owner: null,
        Tags: [],
        Scope: path.Namespace,
        Priority: 0,
        now,
        now,
        WakeAt: null);

    public static MemoryChannelSummary ToSummary(CatalogEntry row) => new(row.Scope!, row.Title);
}
