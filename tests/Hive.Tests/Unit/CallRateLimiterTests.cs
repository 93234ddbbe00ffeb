using Microsoft.Extensions.Options;

namespace Hive.Tests.Unit;

[Trait("Category", "Unit")]
public class CallRateLimiterTests
{
    /// <summary>Per caller: 2 reads at a time, 4 heartbeats; per silo: 5 reads at a time, 4 heartbeats; nothing refills within a test.</summary>
    private static CallRateLimiter Limiter(bool enabled = true)
    {
        var options = new RateLimitOptions { Enabled = enabled };
        options.Buckets[OperationKind.Read] = new(0.001, 2);
        options.Buckets[OperationKind.Heartbeat] = new(0.001, 4);
        options.SiloBuckets[OperationKind.Read] = new(0.001, 5);
        options.SiloBuckets[OperationKind.Heartbeat] = new(0.001, 4);
        return new CallRateLimiter(Options.Create(options));
    }

    [Fact]
    public void A_caller_past_its_own_bucket_is_refused_for_the_caller_limit()
    {
        using var limiter = Limiter();

        Assert.Null(limiter.TryAcquire("a", OperationKind.Read, ServiceLevel.Full));
        Assert.Null(limiter.TryAcquire("a", OperationKind.Read, ServiceLevel.Full));
        var refusal = limiter.TryAcquire("a", OperationKind.Read, ServiceLevel.Full);

        Assert.Equal(RateLimitScope.Caller, refusal?.Scope);
        Assert.True(refusal!.Value.RetryAfter > TimeSpan.Zero);
    }

    [Fact]
    public void Callers_each_within_their_own_bucket_together_meet_the_silo_limit()
    {
        using var limiter = Limiter();
        var served = Enumerable.Range(0, 5).Count(i => limiter.TryAcquire($"caller-{i}", OperationKind.Read, ServiceLevel.Full) is null);

        var refusal = limiter.TryAcquire("caller-new", OperationKind.Read, ServiceLevel.Full);

        Assert.Equal(5, served);
        Assert.Equal(RateLimitScope.Silo, refusal?.Scope);
    }

    [Fact]
    public void A_caller_refused_by_its_own_bucket_uses_up_none_of_the_silo_bucket()
    {
        using var limiter = Limiter();
        for (var i = 0; i < 10; i++) limiter.TryAcquire("greedy", OperationKind.Read, ServiceLevel.Full);

        // The greedy caller took its 2; the silo's other 3 are still there for everyone else.
        var others = Enumerable.Range(0, 3).Count(i => limiter.TryAcquire($"other-{i}", OperationKind.Read, ServiceLevel.Full) is null);

        Assert.Equal(3, others);
    }

    [Fact]
    public void A_batch_takes_no_more_than_a_full_bucket_at_either_limit()
    {
        using var limiter = Limiter();

        Assert.Null(limiter.TryAcquire("batcher", OperationKind.Read, ServiceLevel.Full, permits: 1_000));
        Assert.Equal(RateLimitScope.Caller, limiter.TryAcquire("batcher", OperationKind.Read, ServiceLevel.Full)?.Scope);
    }

    [Fact]
    public void Lower_levels_shrink_both_buckets_but_heartbeats_keep_their_rate()
    {
        using var limiter = Limiter();
        // At emergency (scale 0.1) the silo's read burst of 5 becomes 1 (never less than one).
        Assert.Null(limiter.TryAcquire("x", OperationKind.Read, ServiceLevel.Emergency));
        Assert.NotNull(limiter.TryAcquire("y", OperationKind.Read, ServiceLevel.Emergency));

        var heartbeats = Enumerable.Range(0, 4).Count(i => limiter.TryAcquire($"agent-{i}", OperationKind.Heartbeat, ServiceLevel.Emergency) is null);
        Assert.Equal(4, heartbeats);
    }

    [Fact]
    public void Disabled_limits_refuse_nothing()
    {
        using var limiter = Limiter(enabled: false);

        Assert.All(Enumerable.Range(0, 20), _ => Assert.Null(limiter.TryAcquire("a", OperationKind.Read, ServiceLevel.Full)));
    }
}
