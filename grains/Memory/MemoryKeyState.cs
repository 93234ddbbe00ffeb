namespace Hive.Memory;

/// <summary>
/// What a memory key grain persists: only the current value and its bookkeeping, never history (that is the
/// channel's log). Replaced whole on every write, so a failed write restores the previous instance.
/// </summary>
[GenerateSerializer, Alias("hive.memory-key-state.v1")]
public sealed record MemoryKeyState
{
    /// <summary>The JSON value; null when the key has none (never written, deleted or expired).</summary>
    [Id(0)] public string? Value { get; init; }

    /// <summary>Counts every put, delete and expiry of the key, so it never repeats, also across delete and re-create.</summary>
    [Id(1)] public long Version { get; init; }
    [Id(2)] public string? Author { get; init; }
    [Id(3)] public DateTimeOffset CreatedAt { get; init; }
    [Id(4)] public DateTimeOffset UpdatedAt { get; init; }
    [Id(5)] public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>The channel revision of the last change.</summary>
    [Id(6)] public long Revision { get; init; }
    [Id(7)] public MemoryChangeKind LastChange { get; init; }

    public bool HasValue => Value is not null;

    /// <summary>The version compare-and-set compares against: 0 while there is no value.</summary>
    public long CurrentVersion => HasValue ? Version : 0;

    public bool IsExpiredAt(DateTimeOffset now) => HasValue && ExpiresAt <= now;
}
