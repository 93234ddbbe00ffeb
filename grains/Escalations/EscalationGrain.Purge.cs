using Hive.Ports;
using Hive.Retention;

namespace Hive.Escalations;

/// <summary>Purging an escalation closed long enough ago; see <see cref="IPurgeable"/>.</summary>
public sealed partial class EscalationGrain : IPurgeable
{
    public async Task<bool> Purge(DateTimeOffset finishedBefore)
    {
        if (State.Spec is null)
        {
            await Writer.ForgetLeftoverRowAsync(new CatalogKey(EntityKind.Escalation, EscalationId));
            return false;
        }
        if (State.Status != EscalationStatus.Closed || State.UpdatedAt >= finishedBefore) return false;
        await Writer.PurgeAsync(version => EscalationCatalogRow.From(State, version, noticeWake: null));
        StopDeadlineWatch();
        DeactivateOnIdle();
        return true;
    }
}
