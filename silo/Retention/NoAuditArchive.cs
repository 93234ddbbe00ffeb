namespace Hive.Silo.Retention;

/// <summary>Keeps no copy: the operator set <c>Hive:Retention:AuditExportDirectory</c> empty, so purged audit events are gone.</summary>
public sealed class NoAuditArchive : IAuditArchive
{
    public Task KeepAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
