using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Hive.Health;

/// <summary>Which limit refused a call: the caller's own bucket, or the silo's bucket shared by every caller.</summary>
public enum RateLimitScope
{
    Caller,
    Silo,
}

/// <summary>A refused call: the limit that refused it and how long to wait before trying again.</summary>
public readonly record struct RateLimitRefusal(RateLimitScope Scope, TimeSpan RetryAfter);

/// <summary>
/// Token buckets on this silo, two deep: one per (caller, kind of operation, service level), so one greedy principal
/// cannot starve the others, and one per (kind, service level) over all callers, so a fleet whose members each stay
/// within their own bucket still cannot push the silo past what it was sized for. A level change starts fresh
/// buckets at the new rate; idle buckets are reclaimed by the partitioned limiters.
/// </summary>
public sealed class CallRateLimiter(IOptions<RateLimitOptions> options) : IDisposable
{
    private readonly RateLimitOptions _options = options.Value;
    private readonly PartitionedRateLimiter<(string Caller, OperationKind Kind, ServiceLevel Level)> _perCaller =
        PartitionedRateLimiter.Create<(string Caller, OperationKind Kind, ServiceLevel Level), (string, OperationKind, ServiceLevel)>(
            key => RateLimitPartition.GetTokenBucketLimiter(key, k => Bucket(options.Value.Buckets[k.Item2], options.Value, k.Item2, k.Item3)));
    private readonly PartitionedRateLimiter<(OperationKind Kind, ServiceLevel Level)> _perSilo =
        PartitionedRateLimiter.Create<(OperationKind Kind, ServiceLevel Level), (OperationKind, ServiceLevel)>(
            key => RateLimitPartition.GetTokenBucketLimiter(key, k => Bucket(options.Value.SiloBuckets[k.Item1], options.Value, k.Item1, k.Item2)));

    /// <summary>
    /// Null when the call may proceed; otherwise which limit refused it and how long to wait. The caller's bucket is
    /// asked first, so a caller already over its own limit does not use up the silo's. A batch takes a permit per
    /// item, but never more than a full bucket holds, so the largest batch still passes when the caller has been quiet.
    /// </summary>
    public RateLimitRefusal? TryAcquire(string caller, OperationKind kind, ServiceLevel level, int permits = 1)
    {
        if (!_options.Enabled) return null;
        if (_options.Buckets.TryGetValue(kind, out var own)
            && Refused(_perCaller.AttemptAcquire((caller, kind, level), Take(own, kind, level, permits))) is { } callerWait)
        {
            return new RateLimitRefusal(RateLimitScope.Caller, callerWait);
        }
        if (_options.SiloBuckets.TryGetValue(kind, out var shared)
            && Refused(_perSilo.AttemptAcquire((kind, level), Take(shared, kind, level, permits))) is { } siloWait)
        {
            return new RateLimitRefusal(RateLimitScope.Silo, siloWait);
        }
        return null;
    }

    public void Dispose()
    {
        _perCaller.Dispose();
        _perSilo.Dispose();
    }

    private int Take(BucketOptions bucket, OperationKind kind, ServiceLevel level, int permits) =>
        Math.Clamp(permits, 1, TokenLimit(bucket, Scale(_options, kind, level)));

    // Shrinking heartbeats would turn a sick hive's agents unresponsive, and operators must be able to steer it.
    private static double Scale(RateLimitOptions options, OperationKind kind, ServiceLevel level) =>
        kind is OperationKind.Heartbeat or OperationKind.OperatorCommand ? 1 : options.ScaleFor(level);

    private static int TokenLimit(BucketOptions bucket, double scale) => Math.Max(1, (int)(bucket.Burst * scale));

    private static TimeSpan? Refused(RateLimitLease lease)
    {
        using (lease)
        {
            if (lease.IsAcquired) return null;
            return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
        }
    }

    private static TokenBucketRateLimiterOptions Bucket(BucketOptions bucket, RateLimitOptions options, OperationKind kind, ServiceLevel level)
    {
        var scale = Scale(options, kind, level);
        var rate = bucket.PermitsPerSecond * scale;
        // Refill every 100 ms (or slower for low rates) so bursts smooth out without a timer per permit.
        var period = TimeSpan.FromSeconds(Math.Max(0.1, 1 / rate));
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = TokenLimit(bucket, scale),
            TokensPerPeriod = Math.Max(1, (int)Math.Round(rate * period.TotalSeconds)),
            ReplenishmentPeriod = period,
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }
}
