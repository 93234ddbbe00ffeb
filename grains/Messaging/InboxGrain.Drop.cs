namespace Hive.Messaging;

/// <summary>Dropping the inbox of a purged agent; see <see cref="IDroppableInbox"/>.</summary>
public sealed partial class InboxGrain : IDroppableInbox
{
    public async Task Drop()
    {
        await store.DropAsync(AgentId);
        _pending.Clear();
        _last = 0;
        _moreInStore = false;
        _mustReload = false;
        DeactivateOnIdle();
    }
}
