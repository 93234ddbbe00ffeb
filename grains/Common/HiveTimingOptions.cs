using System.ComponentModel.DataAnnotations;

namespace Hive.Common;

/// <summary>How often the hive looks at its deadlines. Bound from configuration section <c>Hive:Timing</c>.</summary>
public sealed class HiveTimingOptions
{
    public const string Section = "Hive:Timing";

    /// <summary>How often agents are expected to heartbeat.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many intervals may pass without a heartbeat before an agent is unresponsive.</summary>
    [Range(1, 100)]
    public int MissedHeartbeatsAllowed { get; set; } = 3;

    /// <summary>How often active grains check their own deadlines (heartbeats, time budgets).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the sweeper wakes grains whose deadline passed while they were not activated.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often an active ready queue re-reads the catalog, so a ready task whose enqueue was lost waits at most this long.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan QueueResyncInterval { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan HeartbeatDeadline => HeartbeatInterval * MissedHeartbeatsAllowed;
}
