namespace Hive.Ports;

/// <summary>Where audit events go before a retention purge deletes them. Adapters: JSON lines files, or none by choice.</summary>
public interface IAuditArchive
{
    /// <summary>Keeps a copy of the records. Returns only once the copy is durable (on disk), so they may then be deleted.</summary>
    Task KeepAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken = default);
}
