namespace Hive.Tasks;

/// <summary>
/// The ready tasks one role (or one named agent) may claim, ordered by priority then age. Grain-to-grain only: tasks
/// enqueue themselves and agents claim through it, so it lives with the grains, out of clients' reach.
/// Its contents are a cache of the catalog, rebuilt on activation, so it holds no persisted state.
/// </summary>
public interface IReadyQueueGrain : IGrainWithStringKey
{
    /// <summary>
    /// Adds a ready task; returns once the queue holds it. Interleaves with claims, so a task telling its queue never
    /// waits for a claim that waits for that task. An entry whose task id is not a valid id is refused (<c>validation</c>).
    /// </summary>
    [AlwaysInterleave]
    Task Enqueue(ReadyTaskEntry entry);

    /// <summary>The best entry now, without taking it.</summary>
    [AlwaysInterleave]
    Task<ReadyTaskEntry?> Peek();

    /// <summary>
    /// Takes the best entry that the task itself confirms as still ready, assigning it to the agent; null when none.
    /// An agent id that is not a valid id is refused (<c>validation</c>), taking nothing.
    /// </summary>
    Task<string?> ClaimFor(string agentId);
}
