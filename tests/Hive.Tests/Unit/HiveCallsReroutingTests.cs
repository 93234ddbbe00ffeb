using Orleans.Runtime;

namespace Hive.Tests.Unit;

/// <summary>Hive.Client sends a call again when the silo it went to is leaving or gone.</summary>
[Trait("Category", "Unit")]
public sealed class HiveCallsReroutingTests
{
    private static readonly HiveResilienceOptions Fast = new() { BaseDelay = TimeSpan.FromMilliseconds(1), BreakerMinimumCalls = 1000 };

    [Fact]
    public async Task A_call_that_met_a_departing_silo_is_sent_again()
    {
        var attempts = 0;
        var result = await new HiveCalls("test", Fast).Run(() =>
            ++attempts == 1 ? throw new SiloUnavailableException("the silo is shutting down") : Task.FromResult("done"));

        Assert.Equal(("done", 2), (result, attempts));
    }

    [Fact]
    public async Task A_silo_that_stays_gone_fails_the_call_once_the_retries_are_spent()
    {
        var attempts = 0;
        var options = new HiveResilienceOptions { BaseDelay = TimeSpan.FromMilliseconds(1), MaxRetries = 3, BreakerMinimumCalls = 1000 };

        await Assert.ThrowsAsync<SiloUnavailableException>(() => new HiveCalls("test", options).Run<string>(() =>
        {
            attempts++;
            throw new SiloUnavailableException("gone");
        }));

        Assert.Equal(4, attempts);
    }

    [Fact]
    public async Task A_call_whose_placement_expired_while_a_silo_died_is_sent_again()
    {
        var attempts = 0;
        var result = await new HiveCalls("test", Fast).Run(() => ++attempts == 1
            ? throw new OperationCanceledException("Message expired before placement could complete for grain task/t-1.")
            : Task.FromResult("done"));

        Assert.Equal(("done", 2), (result, attempts));
    }

    [Fact]
    public async Task Any_other_cancellation_is_not_retried()
    {
        var attempts = 0;

        await Assert.ThrowsAsync<OperationCanceledException>(() => new HiveCalls("test", Fast).Run<string>(() =>
        {
            attempts++;
            throw new OperationCanceledException("the caller gave up");
        }));

        Assert.Equal(1, attempts);
    }
}
