using System.ComponentModel.DataAnnotations;

namespace Hive.Memory;

/// <summary>Bounds of the shared memory. Bound from configuration section <c>Hive:Memory</c>, checked at start-up.</summary>
public sealed class MemoryOptions
{
    public const string Section = "Hive:Memory";

    /// <summary>The largest value, in UTF-8 bytes of its JSON text. Values live in grain state, so this bounds it.</summary>
    [Range(1, 1_048_576, ErrorMessage = "Hive:Memory:MaxValueBytes must be 1–1048576 bytes.")]
    public int MaxValueBytes { get; set; } = 65_536;

    /// <summary>How many recent changes each channel's log keeps for watchers; older revisions answer "compacted".</summary>
    [Range(1, 1_000_000, ErrorMessage = "Hive:Memory:ChangeLogRetention must be 1–1000000 changes.")]
    public int ChangeLogRetention { get; set; } = 1000;
}
