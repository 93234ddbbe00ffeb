namespace Hive.Client;

/// <summary>How Hive.Client retries and when it stops calling a hive that does not answer. Bound from <c>Hive:Client:Resilience</c>.</summary>
public sealed class HiveResilienceOptions
{
    /// <summary>Retries of one call after a transient rejection (rate-limited, degraded, storage-unavailable).</summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>The most one call may spend waiting between retries; past it the last error is returned.</summary>
    public TimeSpan RetryBudget { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The first backoff when the hive gave no retry-after; doubled per attempt, with jitter.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Share of failed calls (hive unreachable or storage down) over <see cref="BreakerWindow"/> that opens the breaker.</summary>
    public double BreakerFailureRatio { get; set; } = 0.5;

    public TimeSpan BreakerWindow { get; set; } = TimeSpan.FromSeconds(10);

    public int BreakerMinimumCalls { get; set; } = 20;

    /// <summary>How long an open breaker fails calls fast before letting one through to test the hive.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(5);
}
