using Hive.Ports;

namespace Hive.Memory;

/// <summary>
/// Maps a key's state to its catalog row, listed under its channel. The row version is the key version, which
/// grows with every change. A live row wakes the sweeper when the value expires; other rows never wake it.
/// </summary>
internal static class MemoryKeyCatalogRow
{
    public const string Live = "Live";
    public const string Deleted = "Deleted";
    public const string Expired = "Expired";

    public static CatalogEntry From(MemoryPath path, MemoryKeyState state) => new(
        EntityKind.MemoryKey,
        path.Id,
        state.Version,
        StatusOf(state.LastChange),
        path.Key,
        Type: null,
        Owner: state.Author,
        Tags: [],
        Scope: path.Channel.Id,
        Priority: 0,
        state.CreatedAt,
        state.UpdatedAt,
        state.HasValue ? state.ExpiresAt : null);

    public static MemoryKeySummary ToSummary(CatalogEntry row) => new(row.Title, row.Version, row.Owner ?? "", row.UpdatedAt, row.WakeAt);

    /// <summary>Listed only while live and not past its expiry, even when the removal has not run yet.</summary>
    public static bool IsListed(CatalogEntry row, DateTimeOffset now) => row.Status == Live && !(row.WakeAt <= now);

    private static string StatusOf(MemoryChangeKind kind) => kind switch
    {
        MemoryChangeKind.Put => Live,
        MemoryChangeKind.Delete => Deleted,
        _ => Expired,
    };
}
