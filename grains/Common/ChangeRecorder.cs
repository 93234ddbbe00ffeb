using Hive.Audit;
using Hive.Ports;

namespace Hive.Common;

/// <summary>After a grain wrote its state, publishes the change: the catalog row and the audit event, together.</summary>
public sealed class ChangeRecorder(IEntityCatalog catalog, IAuditLog audit, HiveMetrics metrics)
{
    public Task RecordAsync(CatalogEntry row, AuditEvent? change)
    {
        Measure(row, change);
        var rowWrite = catalog.UpsertAsync([row]);
        return change is null ? rowWrite : Task.WhenAll(rowWrite, audit.AppendAsync([change]));
    }

    private void Measure(CatalogEntry row, AuditEvent? change)
    {
        if (change is null || change.From == change.To && change.Action != "deadline-missed") return;
        if (row.Kind == EntityKind.Task) metrics.TaskTransition(change.From, change.To!);
        if (row.Kind == EntityKind.Escalation && change.Action is "raised" or "reopened" or "deadline-missed") metrics.EscalationRaised(row.Type!);
    }
}
