using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Hive.Common;

/// <summary>How often the hive looks at its deadlines. Bound from configuration section <c>Hive:Timing</c>.</summary>
public sealed class HiveTimingOptions
{
    public const string Section = "Hive:Timing";

    /// <summary>How often agents are expected to heartbeat.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:00.010", "01:00:00", ErrorMessage = "Hive:Timing:HeartbeatInterval must be 10 ms–1 h.")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many intervals may pass without a heartbeat before an agent is unresponsive.</summary>
    [SettingRange(1, 100, ErrorMessage = "Hive:Timing:MissedHeartbeatsAllowed must be 1–100.")]
    public int MissedHeartbeatsAllowed { get; set; } = 3;

    /// <summary>How often active grains check their own deadlines (heartbeats, time budgets).</summary>
    [SettingRange(typeof(TimeSpan), "00:00:00.010", "00:10:00", ErrorMessage = "Hive:Timing:CheckInterval must be 10 ms–10 min.")]
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the sweeper wakes grains whose deadline passed while they were not activated.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:00.010", "00:10:00", ErrorMessage = "Hive:Timing:SweepInterval must be 10 ms–10 min.")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often an active ready queue re-reads the catalog, so a ready task whose enqueue was lost waits at most this long.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:00.010", "01:00:00", ErrorMessage = "Hive:Timing:QueueResyncInterval must be 10 ms–1 h.")]
    public TimeSpan QueueResyncInterval { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan HeartbeatDeadline => HeartbeatInterval * MissedHeartbeatsAllowed;
}

/// <summary>Checks the attributes on <see cref="HiveTimingOptions"/>; generated at compile time.</summary>
[OptionsValidator]
public sealed partial class HiveTimingOptionsValidator : IValidateOptions<HiveTimingOptions>;
