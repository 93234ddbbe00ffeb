namespace Hive.Silo.Telemetry;

/// <summary>How big one store is: rows (an estimate where that is cheaper) and bytes on disk, each null where unknown.</summary>
public sealed record StoreSize(string Store, long? Rows, long? Bytes)
{
    public const string GrainState = "grain_state";
    public const string Catalog = "catalog";
    public const string Audit = "audit";
    public const string MemoryChanges = "memory_changes";
    public const string Messages = "messages";
    public const string InboxHeads = "inbox_heads";
}
