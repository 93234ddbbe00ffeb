namespace Hive.Tasks;

/// <summary>
/// The ready tasks one role (or one named agent) may claim, ordered by priority then age.
/// Its contents are a cache of the catalog, rebuilt on activation, so it holds no persisted state.
/// </summary>
public interface IReadyQueueGrain : IGrainWithStringKey
{
    /// <summary>
    /// Adds a ready task; returns once the queue holds it. Interleaves with claims, so a task telling its queue never
    /// waits for a claim that waits for that task.
    /// </summary>
    [AlwaysInterleave]
    Task Enqueue(ReadyTaskEntry entry);

    /// <summary>The best entry now, without taking it.</summary>
    [AlwaysInterleave]
    Task<ReadyTaskEntry?> Peek();

    /// <summary>Takes the best entry that the task itself confirms as still ready, assigning it to the agent; null when none.</summary>
    Task<string?> ClaimFor(string agentId);
}

/// <summary>The ordering key of a ready task.</summary>
[GenerateSerializer, Immutable, Alias("hive.ready-task.v1")]
public sealed record ReadyTaskEntry(
    [property: Id(0)] string TaskId,
    [property: Id(1)] int Priority,
    [property: Id(2)] DateTimeOffset CreatedAt)
{
    /// <summary>Claim order: higher priority first, then older, then by id so the order is total.</summary>
    public static IComparer<ReadyTaskEntry> ClaimOrder { get; } = Comparer<ReadyTaskEntry>.Create(static (a, b) =>
    {
        var c = b.Priority.CompareTo(a.Priority);
        if (c != 0) return c;
        c = a.CreatedAt.CompareTo(b.CreatedAt);
        return c != 0 ? c : string.CompareOrdinal(a.TaskId, b.TaskId);
    });
}
