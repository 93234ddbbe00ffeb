namespace Hive.Memory;

/// <summary>
/// One change to a key of a channel, as the channel's log records it. Revisions are unique within the channel
/// and increase in the order the changes happened; <see cref="Version"/> is the key's version after the change.
/// <see cref="Value"/> is the JSON written by a <see cref="MemoryChangeKind.Put"/> and null otherwise.
/// </summary>
[GenerateSerializer, Immutable, Alias("hive.memory-change.v1")]
public sealed record MemoryChange(
    [property: Id(0)] long Revision,
    [property: Id(1)] string Key,
    [property: Id(2)] MemoryChangeKind Kind,
    [property: Id(3)] long Version,
    [property: Id(4)] string? Value,
    [property: Id(5)] string Author,
    [property: Id(6)] DateTimeOffset At);
