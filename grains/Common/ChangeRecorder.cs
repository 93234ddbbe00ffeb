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
    /// (see <see cref="WriteOrDiscardAsync"/>) and publishes nothing: a memory change reaches its
    /// channel's log only once the state holding it is stored. <paramref name="metric"/> is what the change adds to the
    /// meter once stored.
    /// </summary>
    public async Task SaveAsync<T>(IPersistentState<T> state, CatalogEntry? row, AuditEvent? change, Action discardActivation,
        MemoryLogEntry? memory = null, ChangeMetric metric = ChangeMetric.None)
    {
        change = Traced(change);
        var companions = new StateCompanions(row, change, memory);
        StateCompanions.Current = companions;
        try
        {
            await WriteOrDiscardAsync(state, discardActivation);
        }
        finally
        {
            StateCompanions.Current = null;
        }
        if (companions.Taken) Measure(row, change, metric);
        else await RecordAsync(row, change, memory, metric);
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
            await ClearOrDiscardAsync(state, discardActivation);
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
    public Task RecordAsync(CatalogEntry? row, AuditEvent? change, MemoryLogEntry? memory = null, ChangeMetric metric = ChangeMetric.None)
    {
        Measure(row, change, metric);
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

    private void Measure(CatalogEntry? row, AuditEvent? change, ChangeMetric metric)
    {
        if (row is null || change is null) return;
        switch (metric)
        {
            case ChangeMetric.TaskTransition:
                metrics.TaskTransition(change.From, change.To!);
                break;
            case ChangeMetric.EscalationRaised:
                // An escalation's catalog row carries its severity as its type.
                metrics.EscalationRaised(row.Type!);
                break;
        }
    }

    // The only state writes in grains/ (BannedSymbols.txt makes any other fail the build): state, catalog row, audit event,
    // memory log and outbox commit together only when they travel through SaveAsync and PurgeAsync.
#pragma warning disable RS0030

    /// <summary>
    /// Writes the state; when the write fails, memory holds a change storage may not have, so
    /// <paramref name="discardActivation"/> (normally DeactivateOnIdle) lets the next call start from storage.
    /// </summary>
    private static async Task WriteOrDiscardAsync<T>(IPersistentState<T> state, Action discardActivation)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            discardActivation();
            throw;
        }
    }

    /// <summary>Clears the state; like <see cref="WriteOrDiscardAsync"/>, a failure discards the activation.</summary>
    private static async Task ClearOrDiscardAsync<T>(IPersistentState<T> state, Action discardActivation)
    {
        try
        {
            await state.ClearStateAsync();
        }
        catch
        {
            discardActivation();
            throw;
        }
    }
#pragma warning restore RS0030
}
