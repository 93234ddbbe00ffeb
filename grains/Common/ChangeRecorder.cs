using Hive.Audit;
using Hive.Ports;

namespace Hive.Common;

/// <summary>After a grain wrote its state, publishes the change: the catalog row and the audit event, together.</summary>
public sealed class ChangeRecorder(IEntityCatalog catalog, IAuditLog audit)
{
    public Task RecordAsync(CatalogEntry row, AuditEvent? change)
    {
        var rowWrite = catalog.UpsertAsync([row]);
        return change is null ? rowWrite : Task.WhenAll(rowWrite, audit.AppendAsync([change]));
    }
}
