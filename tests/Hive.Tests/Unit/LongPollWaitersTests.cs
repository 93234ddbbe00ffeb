namespace Hive.Tests.Unit;

[Trait("Category", "Unit")]
public class LongPollWaitersTests
{
    private const string Entity = "inbox/reviewer-7";
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);

    private readonly TaskCompletionSource _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _refusals;

    private LongPollWaiters Waiters(int max, int perCaller) => new(max, perCaller, Entity, RetryAfter, () => _refusals++);

    private static async Task<HiveException> Refused(Func<Task> wait)
    {
        var e = await Assert.ThrowsAsync<HiveException>(wait);
        Assert.Equal((HiveErrorCodes.RateLimited, Entity, RetryAfter), (e.Code, e.Entity, e.RetryAfter));
        return e;
    }

    [Fact]
    public async Task A_caller_at_its_cap_is_refused_while_other_callers_still_wait()
    {
        var waiters = Waiters(max: 10, perCaller: 2);
        var held = new[] { waiters.WaitAsync("agent-a", _signal.Task, Long), waiters.WaitAsync("agent-a", _signal.Task, Long) };

        var refusal = await Refused(() => waiters.WaitAsync("agent-a", _signal.Task, Long));
        var other = waiters.WaitAsync("agent-b", _signal.Task, Long);

        Assert.Contains("'agent-a'", refusal.Message, StringComparison.Ordinal);
        Assert.Equal((3, 2, 1, 1), (waiters.Count, waiters.HeldBy("agent-a"), waiters.HeldBy("agent-b"), _refusals));
        Assert.All(held.Append(other), t => Assert.False(t.IsCompleted));
    }

    [Fact]
    public async Task A_grain_at_its_cap_refuses_every_caller()
    {
        var waiters = Waiters(max: 3, perCaller: 2);
        _ = waiters.WaitAsync("agent-a", _signal.Task, Long);
        _ = waiters.WaitAsync("agent-b", _signal.Task, Long);
        _ = waiters.WaitAsync("agent-c", _signal.Task, Long);

        var refusal = await Refused(() => waiters.WaitAsync("agent-d", _signal.Task, Long));
        await Refused(() => waiters.WaitAsync("agent-a", _signal.Task, Long));

        Assert.StartsWith(Entity, refusal.Message, StringComparison.Ordinal);
        Assert.Equal((3, 0, 2), (waiters.Count, waiters.HeldBy("agent-d"), _refusals));
    }

    [Fact]
    public async Task Places_free_up_when_the_signal_comes()
    {
        var waiters = Waiters(max: 2, perCaller: 2);
        var held = new[] { waiters.WaitAsync("agent-a", _signal.Task, Long), waiters.WaitAsync("agent-a", _signal.Task, Long) };

        _signal.SetResult();

        var answers = await Task.WhenAll(held);
        Assert.Equal([true, true], answers);
        Assert.Equal((0, 0), (waiters.Count, waiters.HeldBy("agent-a")));
        Assert.True(await waiters.WaitAsync("agent-a", _signal.Task, Long));
    }

    [Fact]
    public async Task Places_free_up_when_the_wait_runs_out()
    {
        var waiters = Waiters(max: 1, perCaller: 1);

        Assert.False(await waiters.WaitAsync("agent-a", _signal.Task, TimeSpan.FromMilliseconds(20)));

        Assert.Equal((0, 0), (waiters.Count, waiters.HeldBy("agent-a")));
        var again = waiters.WaitAsync("agent-b", _signal.Task, Long);
        Assert.Equal(1, waiters.HeldBy("agent-b"));
        _signal.SetResult();
        Assert.True(await again);
        Assert.Equal(0, _refusals);
    }
}
