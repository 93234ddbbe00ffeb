namespace Hive.Tasks;

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
