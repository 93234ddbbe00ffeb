namespace Hive.Tasks;

/// <summary>
/// What a task is. Exactly one of <see cref="PrimaryRole"/> and <see cref="PrimaryAgent"/> says who may claim it.
/// Prerequisites must exist when the task is created; the task becomes ready when the last one completes.
/// </summary>
[GenerateSerializer, Immutable, Alias("hive.task-spec.v1")]
public sealed record TaskSpec(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] string Type,
    [property: Id(3)] string? Description = null,
    [property: Id(4)] int Priority = TaskSpec.DefaultPriority,
    [property: Id(5)] string? PrimaryRole = null,
    [property: Id(6)] string? PrimaryAgent = null,
    [property: Id(7)] IReadOnlyList<string>? SupportingAgents = null,
    [property: Id(8)] IReadOnlyList<string>? Prerequisites = null,
    [property: Id(9)] IReadOnlyList<string>? RequiredApprovals = null,
    [property: Id(10)] TimeSpan? TimeBudget = null,
    [property: Id(11)] int MaxAttempts = TaskSpec.DefaultMaxAttempts,
    [property: Id(12)] IReadOnlyList<string>? Reads = null,
    [property: Id(13)] IReadOnlyList<string>? Writes = null)
{
    public const int DefaultPriority = 50;
    public const int MaxPriority = 100;
    public const int DefaultMaxAttempts = 3;
    public const int MaxAttemptsLimit = 100;
}
