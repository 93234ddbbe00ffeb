using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Hive.Messaging;

/// <summary>How big inboxes may grow and how many receives may wait on one. Bound from configuration section <c>Hive:Messaging</c>.</summary>
public sealed class MessagingOptions
{
    public const string Section = "Hive:Messaging";

    /// <summary>
    /// How many unacked messages one inbox holds before sends to it fail with <c>inbox-full</c>. An active inbox
    /// keeps them all in memory (up to 16 KiB each), which is why the ceiling is 10,000.
    /// </summary>
    [SettingRange(1, 10_000, ErrorMessage = "Hive:Messaging:InboxCapacity must be 1–10000 messages.")]
    public int InboxCapacity { get; set; } = 1000;

    /// <summary>
    /// How many receives may wait (long-poll) on one inbox at a time, whoever calls; one more is refused with
    /// <c>rate-limited</c>. A receive that need not wait (messages pending, or no wait asked) is never counted.
    /// </summary>
    [SettingRange(1, 10_000, ErrorMessage = "Hive:Messaging:MaxReceiveWaiters must be 1–10000 receives.")]
    public int MaxReceiveWaiters { get; set; } = 16;

    /// <summary>How many of an inbox's waiting receives one caller (Hive.Client's caller id) may hold.</summary>
    [SettingRange(1, 10_000, ErrorMessage = "Hive:Messaging:MaxReceiveWaitersPerCaller must be 1–10000 receives.")]
    public int MaxReceiveWaitersPerCaller { get; set; } = 4;

    /// <summary>The retry-after a full inbox (or an unreachable message store, or a receive over the waiter caps) gives the caller.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:00.010", "00:10:00", ErrorMessage = "Hive:Messaging:RetryAfter must be 10 ms–10 min.")]
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(2);
}

/// <summary>Checks the attributes on <see cref="MessagingOptions"/>; generated at compile time.</summary>
[OptionsValidator]
public sealed partial class MessagingOptionsValidator : IValidateOptions<MessagingOptions>;
