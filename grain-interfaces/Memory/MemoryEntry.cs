namespace Hive.Memory;

/// <summary>
/// The current value of one memory key. <see cref="Version"/> grows by one on every put, delete and expiry of
/// the key and is never reused, also after the key was deleted and written again. <see cref="Revision"/> is the
/// channel revision of the write that produced this value: watching the channel after it shows every later change.
/// </summary>
[GenerateSerializer, Immutable, Alias("hive.memory-entry.v1")]
public sealed record MemoryEntry(
    [property: Id(0)] string Namespace,
    [property: Id(1)] string Channel,
    [property: Id(2)] string Key,
    [property: Id(3)] string Value,
    [property: Id(4)] long Version,
    [property: Id(5)] string Author,
    [property: Id(6)] DateTimeOffset UpdatedAt,
    [property: Id(7)] DateTimeOffset? ExpiresAt,
    [property: Id(8)] long Revision);
