using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Hive.Memory;

/// <summary>Bounds of the shared memory. Bound from configuration section <c>Hive:Memory</c>, checked at start-up.</summary>
public sealed class MemoryOptions
{
    public const string Section = "Hive:Memory";

    /// <summary>The largest value, in UTF-8 bytes of its JSON text. Values live in grain state, so this bounds it.</summary>
    [SettingRange(1, 1_048_576, ErrorMessage = "Hive:Memory:MaxValueBytes must be 1–1048576 bytes.")]
    public int MaxValueBytes { get; set; } = 65_536;

    /// <summary>How many recent changes each channel's log keeps for watchers; older revisions answer "compacted".</summary>
    [SettingRange(1, 1_000_000, ErrorMessage = "Hive:Memory:ChangeLogRetention must be 1–1000000 changes.")]
    public int ChangeLogRetention { get; set; } = 1000;

    /// <summary>
    /// How many watches may wait (long-poll) on one channel at a time, whoever calls; one more is refused with
    /// <c>rate-limited</c>. A watch that answers at once (changes to show, or no wait asked) is never counted.
    /// </summary>
    [SettingRange(1, 100_000, ErrorMessage = "Hive:Memory:MaxWatchers must be 1–100000 watches.")]
    public int MaxWatchers { get; set; } = 1000;

    /// <summary>How many of a channel's waiting watches one caller (Hive.Client's caller id) may hold.</summary>
    [SettingRange(1, 100_000, ErrorMessage = "Hive:Memory:MaxWatchersPerCaller must be 1–100000 watches.")]
    public int MaxWatchersPerCaller { get; set; } = 32;

    /// <summary>
    /// Roughly the most bytes of changes one watch answer carries (values, keys and authors as UTF-8, plus a little per
    /// change). A longer answer is cut short and the watcher asks on from its last change; one change larger than this
    /// still goes out alone, so no watcher is ever stuck behind it.
    /// </summary>
    [SettingRange(1024, 67_108_864, ErrorMessage = "Hive:Memory:MaxWatchAnswerBytes must be 1024–67108864 bytes.")]
    public int MaxWatchAnswerBytes { get; set; } = 1_048_576;

    /// <summary>
    /// How long a channel waits for a key to report a write it took a revision for (the key's silo may have died).
    /// Watchers do not pass that revision meanwhile; afterwards the channel takes it as a skip and a late write is refused.
    /// </summary>
    [SettingRange(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "Hive:Memory:ReservationTimeout must be 1 s–10 min.")]
    public TimeSpan ReservationTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>Checks the attributes on <see cref="MemoryOptions"/>; generated at compile time.</summary>
[OptionsValidator]
public sealed partial class MemoryOptionsValidator : IValidateOptions<MemoryOptions>;
