using Hive.Audit;
using Hive.Ports;
using Hive.Retention;

namespace Hive.Common;

/// <summary>
/// The steps every change of an agent, task or escalation shares, composed into its grain rather than inherited: the
/// next version and updated-at, the catalog row's version (<see cref="CatalogVersion"/>), the audit event from one status
/// to another, and the save through <see cref="ChangeRecorder"/>, the only write seam, which discards the activation when
/// the write fails. The grain decides what changes; this writes it. One per activation: the row version counts row-only
/// writes since the last state write, and a failed write discards the activation together with it.
/// </summary>
/// <param name="entity">The entity the audit events name (<c>task/&lt;id&gt;</c>).</param>
/// <param name="row">The grain's catalog row as its state stands, at the row version given.</param>
/// <param name="discardActivation">Called when a write fails (normally DeactivateOnIdle), so the next call starts from storage.</param>
/// <param name="statusChange">What a change from one status to another adds to the meter, unless the change says otherwise.</param>
public sealed class ChangeWriter<TState, TStatus>(
    IPersistentState<TState> stored,
    ChangeRecorder recorder,
    HiveClock clock,
    string entity,
    Func<long, CatalogEntry> row,
    Action discardActivation,
    ChangeMetric statusChange = ChangeMetric.None)
    where TState : class, IEntityState<TStatus>
    where TStatus : struct, Enum
{
    private CatalogVersion _rowVersion;

    /// <summary>A change to the status the state holds now, from <paramref name="from"/> (null for a new entity).</summary>
    public EntityChange Change(string actor, string action, TStatus? from, string? details, ChangeMetric? metric = null)
    {
        var to = stored.State.Status;
        var moved = from is not { } before || !EqualityComparer<TStatus>.Default.Equals(before, to);
        return Change(actor, action, from?.ToString(), to.ToString(), details, metric ?? (moved ? statusChange : ChangeMetric.None));
    }

    /// <summary>A change whose from and to are not the entity's statuses (an escalation's severities).</summary>
    public EntityChange Change(string actor, string action, string? from, string? to, string? details, ChangeMetric metric) =>
        new(new AuditEvent(clock.Now, actor, entity, action, from, to, details), metric);

    /// <summary>Writes the state as its next version with its catalog row and <paramref name="change"/> (null: a write nobody audits).</summary>
    public async Task SaveAsync(EntityChange? change)
    {
        var state = stored.State;
        state.Version++;
        state.UpdatedAt = clock.Now;
        // A failed write deactivates this activation, so the row version may count from this write already.
        _rowVersion.StateWritten();
        await recorder.SaveAsync(stored, row(_rowVersion.For(state.Version)), change?.Event, discardActivation,
            metric: change?.Metric ?? ChangeMetric.None);
    }

    /// <summary>
    /// Writes delivery bookkeeping that is no change of the entity (who has been told): its version and updated-at stay,
    /// and the catalog row takes a row-only version so it still replaces the one stored.
    /// </summary>
    public Task SaveBookkeepingAsync() =>
        recorder.SaveAsync(stored, row(_rowVersion.NextRowOnly(stored.State.Version)), null, discardActivation);

    /// <summary>Updates the catalog row alone (an outbox cleared in memory reaches storage with the next state write).</summary>
    public Task RecordRowAsync() => recorder.RecordAsync(row(_rowVersion.NextRowOnly(stored.State.Version)), null);

    /// <summary>
    /// Removes the catalog row <paramref name="key"/> of an entity that has no state: a purge whose clear was stored but
    /// whose catalog removal (after it) was not. Nothing is audited: the purge already was.
    /// </summary>
    public Task ForgetLeftoverRowAsync(CatalogKey key) => recorder.ForgetAsync(key);

    /// <summary>
    /// Purges the entity: its state and <paramref name="lastRow"/> (the row at the row version given) go, and the purge is
    /// audited from the status it finished in; see <see cref="ChangeRecorder.PurgeAsync"/>.
    /// </summary>
    public Task PurgeAsync(Func<long, CatalogEntry> lastRow)
    {
        var state = stored.State;
        return recorder.PurgeAsync(stored, lastRow(_rowVersion.For(state.Version)),
            PurgeEvent.Of(clock.Now, entity, state.Status.ToString(), state.UpdatedAt), discardActivation);
    }
}
