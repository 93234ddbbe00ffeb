using Hive.Ports;
using Hive.Retention;

namespace Hive.Tasks;

/// <summary>Purging a task completed or cancelled long enough ago; see <see cref="IPurgeable"/>.</summary>
public sealed partial class TaskGrain : IPurgeable
{
    public async Task<bool> Purge(DateTimeOffset finishedBefore)
    {
        if (State.Spec is null)
        {
            await Writer.ForgetLeftoverRowAsync(new CatalogKey(EntityKind.Task, TaskId));
            return false;
        }
        if (State.Status is not (HiveTaskStatus.Completed or HiveTaskStatus.Cancelled) || State.UpdatedAt >= finishedBefore) return false;
        // Whatever the outbox still owes (dependents, the agent, the alert sink) is delivered before the task goes.
        if (State.HasOutbox || State.QueueToTell) await FlushOutboxAsync();
        if (await HasLiveDependentAsync()) return false;
        await Writer.PurgeAsync(version => TaskCatalogRow.From(State, version, wakeAt: null));
        StopDeadlineWatch();
        DeactivateOnIdle();
        return true;
    }

    /// <summary>
    /// A dependent that is neither completed, cancelled nor gone may still need this task: a blocked one waits for a cancelled
    /// prerequisite to be retried, and a failed one can be retried itself. Purging the prerequisite would strand it.
    /// </summary>
    private async Task<bool> HasLiveDependentAsync()
    {
        var statuses = await Task.WhenAll(State.Dependents.Select(async id =>
        {
            try
            {
                return (await TaskOf(id).Get()).Status;
            }
            catch (HiveException e) when (e.Code == HiveErrorCodes.NotFound)
            {
                return HiveTaskStatus.Completed;
            }
        }));
        return statuses.Any(s => s is not (HiveTaskStatus.Completed or HiveTaskStatus.Cancelled));
    }
}
