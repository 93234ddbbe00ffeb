using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Hive.Silo.Storage.Resilience;

/// <summary>
/// Timeouts, retries and the circuit breaker around every PostgreSQL call of the append stores.
/// Bound from <c>Hive:Storage:Resilience</c>; the defaults suit a database on the same network.
/// </summary>
public sealed class StorageResilienceOptions
{
    public const string Section = "Hive:Storage:Resilience";

    /// <summary>One attempt (open, statements, commit) is abandoned after this long.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:00.050", "00:05:00", ErrorMessage = "Hive:Storage:Resilience:AttemptTimeout must be 50 ms–5 min.")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>A call, retries included, gives up after this long; callers never wait longer.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:00.050", "00:05:00", ErrorMessage = "Hive:Storage:Resilience:TotalTimeout must be 50 ms–5 min.")]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries after a transient fault (lost connection, server restarting, deadlock victim); never after other errors.</summary>
    [SettingRange(0, 10, ErrorMessage = "Hive:Storage:Resilience:MaxRetries must be 0–10.")]
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first retry's delay; each next one doubles, with jitter, up to <see cref="RetryMaxDelay"/>.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:00.001", "00:00:10", ErrorMessage = "Hive:Storage:Resilience:RetryDelay must be 1 ms–10 s.")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    [SettingRange(typeof(TimeSpan), "00:00:00.001", "00:01:00", ErrorMessage = "Hive:Storage:Resilience:RetryMaxDelay must be 1 ms–1 min.")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The circuit opens when at least this share of the calls in <see cref="SamplingDuration"/> failed for lack of the database…</summary>
    [SettingRange(0.01, 1.0, ErrorMessage = "Hive:Storage:Resilience:FailureRatio must be 0.01–1.")]
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>…and at least this many calls were made, so one unlucky call does not open it.</summary>
    [SettingRange(2, 10_000, ErrorMessage = "Hive:Storage:Resilience:MinimumThroughput must be 2–10000 calls.")]
    public int MinimumThroughput { get; set; } = 5;

    /// <summary>
    /// Short on purpose: the ratio counts the successes of the whole window, so after a busy minute a long window would
    /// hold thousands of them and the circuit would not open until the outage had outlasted the window.
    /// </summary>
    [SettingRange(typeof(TimeSpan), "00:00:00.500", "00:10:00", ErrorMessage = "Hive:Storage:Resilience:SamplingDuration must be 0.5 s–10 min.")]
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>While open, calls fail at once; after this long one call probes the database and closes the circuit if it succeeds.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:00.500", "00:10:00", ErrorMessage = "Hive:Storage:Resilience:BreakDuration must be 0.5 s–10 min.")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>The retry-after told to callers whose call failed while the circuit was still closed.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:00.010", "00:10:00", ErrorMessage = "Hive:Storage:Resilience:RetryAfter must be 10 ms–10 min.")]
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>Checks the attributes on <see cref="StorageResilienceOptions"/>; generated at compile time.</summary>
[OptionsValidator]
public sealed partial class StorageResilienceOptionsValidator : IValidateOptions<StorageResilienceOptions>;
