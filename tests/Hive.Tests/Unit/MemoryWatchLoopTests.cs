namespace Hive.Tests.Unit;

[Trait("Category", "Unit")]
public class MemoryWatchLoopTests
{
    private static MemoryChange Change(long revision) =>
        new(revision, "circuit_breaker_status", MemoryChangeKind.Put, revision, "1", "tester", DateTimeOffset.UnixEpoch);

    private static WatchResult Changes(params long[] revisions) => new(revisions.Select(Change).ToArray(), revisions.Max(), false);

    /// <summary>Answers the polls in turn (an exception is thrown instead of answered) and remembers what each asked.</summary>
    private static (MemoryWatchLoop Loop, List<long> Asked) Scripted(params object[] answers)
    {
        var asked = new List<long>();
        var next = 0;
        var loop = new MemoryWatchLoop((after, ct) =>
        {
            asked.Add(after);
            var answer = next < answers.Length ? answers[next++] : null;
            return answer switch
            {
                WatchResult result => Task.FromResult(result),
                Exception e => Task.FromException<WatchResult>(e),
                _ => Task.Delay(Timeout.Infinite, ct).ContinueWith<WatchResult>(_ => throw new OperationCanceledException(ct), TaskScheduler.Default),
            };
        }, backoff: _ => TimeSpan.FromMilliseconds(1));
        return (loop, asked);
    }

    private static async Task<List<MemoryWatchEvent>> TakeAsync(MemoryWatchLoop loop, long after, int count)
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var events = new List<MemoryWatchEvent>();
        await foreach (var e in loop.RunAsync(after, stop.Token))
        {
            events.Add(e);
            if (events.Count == count) break;
        }
        return events;
    }

    [Fact]
    public async Task After_a_failed_poll_it_asks_again_from_the_last_revision_it_yielded()
    {
        var (loop, asked) = Scripted(Changes(4, 5), new TimeoutException("silo gone"), new InvalidOperationException("connection reset"), Changes(6));

        var events = await TakeAsync(loop, 3, 3);

        Assert.Equal([4L, 5, 6], events.Select(e => e.Revision));
        Assert.Equal([3L, 5, 5, 5], asked);
    }

    [Fact]
    public async Task Compaction_is_reported_once_and_the_watch_goes_on_from_the_current_revision()
    {
        var (loop, asked) = Scripted(new WatchResult([], 90, true), Changes(91));

        var events = await TakeAsync(loop, 1, 2);

        Assert.Equal([MemoryWatchEvent.CompactedAt(90), MemoryWatchEvent.Changed(Change(91))], events);
        Assert.Equal([1L, 90], asked);
    }

    [Fact]
    public async Task A_revision_it_already_yielded_is_never_yielded_again()
    {
        var (loop, _) = Scripted(Changes(1, 2), Changes(2, 3));

        Assert.Equal([1L, 2, 3], (await TakeAsync(loop, 0, 3)).Select(e => e.Revision));
    }

    [Fact]
    public async Task Answers_cut_short_go_on_from_their_last_change_with_no_gap()
    {
        // A hive that caps answers names the last change as where to go on; one that did not named the channel's revision (9).
        var (loop, asked) = Scripted(new WatchResult([Change(4), Change(5)], 5, false), new WatchResult([Change(6), Change(7)], 9, false), Changes(8, 9));

        var events = await TakeAsync(loop, 3, 6);

        Assert.Equal([4L, 5, 6, 7, 8, 9], events.Select(e => e.Revision));
        Assert.Equal([3L, 5, 7], asked);
    }

    [Fact]
    public async Task A_rate_limited_poll_is_asked_again()
    {
        var (loop, asked) = Scripted(new HiveException(HiveErrorCodes.RateLimited, "Too many watches wait.") { RetryAfter = TimeSpan.FromSeconds(1) }, Changes(4));

        Assert.Equal([4L], (await TakeAsync(loop, 3, 1)).Select(e => e.Revision));
        Assert.Equal([3L, 3], asked);
    }

    [Fact]
    public async Task A_permanent_hive_error_ends_the_stream()
    {
        var (loop, _) = Scripted(new HiveException(HiveErrorCodes.Validation, "Channel 'a b' is not a valid id."));

        var e = await Assert.ThrowsAsync<HiveException>(() => TakeAsync(loop, 0, 1));
        Assert.Equal(HiveErrorCodes.Validation, e.Code);
    }

    [Fact]
    public async Task Cancellation_ends_a_waiting_stream()
    {
        var (loop, _) = Scripted();
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in loop.RunAsync(0, stop.Token)) { }
        });
    }

    [Theory]
    [InlineData(1, 50, 100)]
    [InlineData(3, 200, 400)]
    [InlineData(30, 2500, 5000)]
    public void Backoff_doubles_with_jitter_up_to_a_ceiling(int failures, int minMs, int maxMs)
    {
        var delay = MemoryWatchLoop.Backoff(failures);
        Assert.InRange(delay.TotalMilliseconds, minMs, maxMs);
    }
}
