using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Hive.Health;

/// <summary>
/// Token buckets per (caller, kind of operation, service level) on this silo. A level change starts fresh buckets
/// at the new rate; idle buckets are reclaimed by the partitioned limiter.
/// </summary>
public sealed class CallerRateLimiter(IOptions<RateLimitOptions> options) : IDisposable
{
    private readonly RateLimitOptions _options = options.Value;
    private readonly PartitionedRateLimiter<(string Caller, OperationKind Kind, ServiceLevel Level)> _limiter =
        PartitionedRateLimiter.Create<(string Caller, OperationKind Kind, ServiceLevel Level), (string, OperationKind, ServiceLevel)>(
            key => RateLimitPartition.GetTokenBucketLimiter(key, k => Bucket(options.Value, k.Item2, k.Item3)));

    /// <summary>
    /// Null when the call may proceed; otherwise how long the caller should wait. A batch takes a permit per item, but
    /// never more than a full bucket holds, so the largest batch still passes when the caller has been quiet.
    /// </summary>
    public TimeSpan? TryAcquire(string caller, OperationKind kind, ServiceLevel level, int permits = 1)
    {
        if (!_options.Enabled || !_options.Buckets.ContainsKey(kind)) return null;
        var take = Math.Clamp(permits, 1, Bucket(_options, kind, level).TokenLimit);
        using var lease = _limiter.AttemptAcquire((caller, kind, level), take);
        if (lease.IsAcquired) return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
    }

    public void Dispose() => _limiter.Dispose();

    private static TokenBucketRateLimiterOptions Bucket(RateLimitOptions options, OperationKind kind, ServiceLevel level)
    {
        var bucket = options.Buckets[kind];
        // Shrinking heartbeats would turn a sick hive's agents unresponsive, and operators must be able to steer it.
        var scale = kind is OperationKind.Heartbeat or OperationKind.OperatorCommand ? 1 : options.ScaleFor(level);
        var rate = bucket.PermitsPerSecond * scale;
        // Refill every 100 ms (or slower for low rates) so bursts smooth out without a timer per permit.
        var period = TimeSpan.FromSeconds(Math.Max(0.1, 1 / rate));
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, (int)(bucket.Burst * scale)),
            TokensPerPeriod = Math.Max(1, (int)Math.Round(rate * period.TotalSeconds)),
            ReplenishmentPeriod = period,
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }
}
