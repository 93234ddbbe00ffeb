using Hive.Audit;
using Hive.Ports;

namespace Hive.Common;

/// <summary>Publishes a grain's change: the catalog row and the audit event, together.</summary>
public sealed class ChangeRecorder(IEntityCatalog catalog, IAuditLog audit, HiveMetrics metrics)
{
    /// <summary>
    /// Writes the grain's state and publishes the change with it: in the same transaction where the grain storage can
    /// (<see cref="StateCompanions"/>), else right after the write. A failed write calls <paramref name="discardActivation"/>
    /// (see <see cref="PersistentStateExtensions.WriteOrDiscardAsync"/>) and publishes nothing.
    /// </summary>
    public async Task SaveAsync<T>(IPersistentState<T> state, CatalogEntry row, AuditEvent? change, Action discardActivation)
    {
        var companions = new StateCompanions(row, change);
        StateCompanions.Current = companions;
        try
        {
            await state.WriteOrDiscardAsync(discardActivation);
        }
        finally
        {
            StateCompanions.Current = null;
        }
        if (companions.Taken) Measure(row, change);
        else await RecordAsync(row, change);
    }

    /// <summary>Publishes a change that needs no state write of its own (a row-only update), or follows one.</summary>
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
