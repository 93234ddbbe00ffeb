namespace Hive.Tests.Unit;

[Trait("Category", "Unit")]
public class HiveCallsTests
{
    private static HiveCalls Calls(int maxRetries = 3, double budgetSeconds = 5) =>
        new("tester", new HiveResilienceOptions { MaxRetries = maxRetries, RetryBudget = TimeSpan.FromSeconds(budgetSeconds), BaseDelay = TimeSpan.FromMilliseconds(1) });

    [Theory]
    [InlineData(HiveErrorCodes.NotFound)]
    [InlineData(HiveErrorCodes.Validation)]
    [InlineData(HiveErrorCodes.Conflict)]
    [InlineData(HiveErrorCodes.InvalidTransition)]
    [InlineData(HiveErrorCodes.Halted)]
    [InlineData(HiveErrorCodes.InboxFull)]
    public async Task Permanent_and_caller_decided_errors_are_never_retried(string code)
    {
        var attempts = 0;
        var error = await Assert.ThrowsAsync<HiveException>(() => Calls().Run<int>(() =>
        {
            attempts++;
            throw new HiveException(code, "no");
        }));
        Assert.Equal(code, error.Code);
        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task Rate_limited_calls_are_retried_after_the_hives_retry_after_until_they_succeed()
    {
        var attempts = 0;
        var result = await Calls().Run(() =>
        {
            if (++attempts < 3) throw new HiveException(HiveErrorCodes.RateLimited, "slow down") { RetryAfter = TimeSpan.FromMilliseconds(20) };
            return Task.FromResult(42);
        });
        Assert.Equal(42, result);
        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task Retries_stop_at_the_retry_limit_with_the_last_error()
    {
        var attempts = 0;
        var error = await Assert.ThrowsAsync<HiveException>(() => Calls(maxRetries: 2).Run<int>(() =>
        {
            attempts++;
            throw new HiveException(HiveErrorCodes.StorageUnavailable, "down") { RetryAfter = TimeSpan.FromMilliseconds(1) };
        }));
        Assert.Equal(HiveErrorCodes.StorageUnavailable, error.Code);
        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task A_retry_after_beyond_the_budget_is_not_waited_for()
    {
        var attempts = 0;
        var error = await Assert.ThrowsAsync<HiveException>(() => Calls(budgetSeconds: 1).Run<int>(() =>
        {
            attempts++;
            throw new HiveException(HiveErrorCodes.Degraded, "essential only") { RetryAfter = TimeSpan.FromSeconds(15) };
        }));
        Assert.Equal(HiveErrorCodes.Degraded, error.Code);
        Assert.Equal(1, attempts);
    }
}
