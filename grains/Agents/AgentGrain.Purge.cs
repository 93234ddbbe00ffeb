using Hive.Messaging;
using Hive.Ports;
using Hive.Retention;

namespace Hive.Agents;

/// <summary>Purging an agent that went offline long enough ago; see <see cref="IPurgeable"/>.</summary>
public sealed partial class AgentGrain : IPurgeable
{
    public async Task<bool> Purge(DateTimeOffset finishedBefore)
    {
        if (State.Spec is null)
        {
            await Writer.ForgetLeftoverRowAsync(new CatalogKey(EntityKind.Agent, AgentId));
            return false;
        }
        if (State.Status != AgentStatus.Offline || State.Draining || State.CurrentTaskId is not null || State.AlertToSend is not null
            || State.UpdatedAt >= finishedBefore)
            return false;
        // The inbox goes first: should the purge fail after it, the agent is still listed and the next pass does both again.
        await GrainFactory.GetGrain<IDroppableInbox>(GrainKeys.Inbox(AgentId)).Drop();
        await Writer.PurgeAsync(version => AgentCatalogRow.From(State, version, host: null, wakeAt: null));
        StopWatching();
        _lastHeartbeat = default;
        _load = 0;
        DeactivateOnIdle();
        return true;
    }
}
