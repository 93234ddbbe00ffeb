using Hive.Memory;

namespace Hive.Ports;

/// <summary>
/// What a read of a channel's change log found: the changes asked for, in revision order, and the range the log
/// still holds. <see cref="OldestRevision"/> is <see cref="LatestRevision"/> + 1 when it holds nothing.
/// </summary>
public sealed record MemoryLogRead(IReadOnlyList<MemoryChange> Changes, long OldestRevision, long LatestRevision);
