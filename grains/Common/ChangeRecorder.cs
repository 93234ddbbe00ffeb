using System.Diagnostics.CodeAnalysis;
using Hive.Audit;
using Hive.Memory;
using Hive.Ports;

namespace Hive.Common;

/// <summary>Publishes a grain's change: the catalog row, the audit event and (for memory keys) the change-log row, together.</summary>
public sealed class ChangeRecorder(IEntityCatalog catalog, IAuditLog audit, IMemoryChangeLog memoryLog, HiveMetrics metrics)
{
    /// <summary>
    /// Writes the grain's state and publishes the change with it: in the same transaction where the grain storage can
    /// (<see cref="StateCompanions"/>), else right after the write. A failed write calls <paramref name="discardActivation"/>
    /// (see <see cref="PersistentStateExtensions.WriteOrDiscardAsync"/>) and publishes nothing: a memory change reaches its
    /// channel's log only once the state holding it is stored.
    /// </summary>
    public async Task SaveAsync<T>(IPersistentState<T> state, CatalogEntry? row, AuditEvent? change, Action discardActivation,
        MemoryLogEntry? memory = null)
    {
        change = Traced(change);
        var companions = new StateCompanions(row, change, memory);
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
        else await RecordAsync(row, change, memory);
    }

    /// <summary>
    /// Purges the grain: its state row and its catalog row go, and <paramref name="change"/> is audited (the trail stays). In
    /// one transaction where the grain storage can (<see cref="StateCompanions.Removal"/>), else the catalog row and event
    /// right after the clear. A failed clear calls <paramref name="discardActivation"/> and changes no listing.
    /// </summary>
    public async Task PurgeAsync<T>(IPersistentState<T> state, CatalogEntry row, AuditEvent change, Action discardActivation)
    {
        var companions = StateCompanions.Removal(row, change);
        StateCompanions.Current = companions;
        try
        {
            await state.ClearOrDiscardAsync(discardActivation);
        }
        finally
        {
            StateCompanions.Current = null;
        }
        if (!companions.Taken) await Task.WhenAll(catalog.RemoveAsync([new CatalogKey(row.Kind, row.Id)]), audit.AppendAsync([change]));
    }

    /// <summary>Removes the catalog row of an entity that has no state: one whose purge stored the clear but not the removal after it.</summary>
    public Task ForgetAsync(CatalogKey key) => catalog.RemoveAsync([key]);

    /// <summary>Publishes a change that needs no state write of its own (a row-only update), or follows one.</summary>
    public Task RecordAsync(CatalogEntry? row, AuditEvent? change, MemoryLogEntry? memory = null)
    {
        Measure(row, change);
        var writes = new List<Task>(3);
        if (row is not null) writes.Add(catalog.UpsertAsync([row]));
        if (change is not null) writes.Add(audit.AppendAsync([Traced(change)]));
        if (memory is not null) writes.Add(memoryLog.AppendAsync(memory.Channel, [memory.Change]));
        return Task.WhenAll(writes);
    }

    /// <summary>Stamps the event with the call's trace and the principal the silo verified for it (see <see cref="HiveRequestContext.PrincipalKey"/>).</summary>
    [return: NotNullIfNotNull(nameof(change))]
    private static AuditEvent? Traced(AuditEvent? change)
    {
        if (change is null) return null;
        if (change.TraceId is null && CallTrace.CurrentId() is { } traceId) change = change with { TraceId = traceId };
        if (change.Principal is null && RequestContext.Get(HiveRequestContext.PrincipalKey) is string principal) change = change with { Principal = principal };
        return change;
    }

    private void Measure(CatalogEntry? row, AuditEvent? change)
    {
        if (row is null || change is null || change.From == change.To && change.Action != "deadline-missed") return;
        if (row.Kind == EntityKind.Task) metrics.TaskTransition(change.From, change.To!);
        if (row.Kind == EntityKind.Escalation && change.Action is "raised" or "reopened" or "deadline-missed") metrics.EscalationRaised(row.Type!);
    }
}
