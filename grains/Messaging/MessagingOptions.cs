using System.ComponentModel.DataAnnotations;

namespace Hive.Messaging;

/// <summary>How big inboxes may grow. Bound from configuration section <c>Hive:Messaging</c>.</summary>
public sealed class MessagingOptions
{
    public const string Section = "Hive:Messaging";

    /// <summary>
    /// How many unacked messages one inbox holds before sends to it fail with <c>inbox-full</c>. An active inbox
    /// keeps them all in memory (up to 16 KiB each), which is why the ceiling is 10,000.
    /// </summary>
    [Range(1, 10_000)]
    public int InboxCapacity { get; set; } = 1000;

    /// <summary>The retry-after a full inbox (or an unreachable message store) gives the sender.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(2);
}
