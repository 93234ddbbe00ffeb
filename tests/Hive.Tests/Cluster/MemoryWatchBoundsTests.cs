using Orleans.Runtime;

namespace Hive.Tests.Cluster;

/// <summary>How many watches may wait on one channel (a few per caller, a few more in all) and how big one answer may be.</summary>
public abstract class MemoryWatchBoundsTests(HiveClusterFixture hive)
{
    private const int PerCaller = HiveClusterFixture.MaxLongPollWaitersPerCaller;
    private const int PerChannel = HiveClusterFixture.MaxLongPollWaiters;
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(20);

    /// <summary>A JSON string of about a third of the answer cap, so two changes fit in one answer and three do not.</summary>
    private static readonly string ThirdOfTheCap = "\"" + new string('x', HiveClusterFixture.MaxWatchAnswerBytes / 3) + "\"";

    [Fact]
    public async Task A_caller_over_its_share_of_waiting_watches_is_rate_limited_while_others_still_wait()
    {
        var space = new MemoryTestSpace(hive);
        var at = (await space.PutAsync("circuit_breaker_status", "\"closed\"")).Revision;
        var greedy = HiveClusterFixture.NewId("greedy");
        var held = await WaitingAsync(space, greedy, at, PerCaller);

        var refused = await Assert.ThrowsAsync<HiveException>(() => WatchAs(greedy, space, at, Long));
        var other = await WaitingAsync(space, HiveClusterFixture.NewId("patient"), at, 1);
        var behind = await WatchAs(greedy, space, 0, Long);

        Assert.Equal((HiveErrorCodes.RateLimited, "memory/" + space.Ns + "/" + space.Channel), (refused.Code, refused.Entity));
        Assert.Equal(MemoryChannelGrain.WatchRetryAfter, refused.RetryAfter);
        Assert.Contains(greedy, refused.Message, StringComparison.Ordinal);
        Assert.Equal([at], behind.Changes.Select(c => c.Revision));
        var next = await space.PutAsync("circuit_breaker_status", "\"open\"");
        foreach (var answer in await Task.WhenAll(held.Concat(other)).WaitAsync(Long))
            Assert.Equal([next.Revision], answer.Changes.Select(c => c.Revision));
        // Their places are free again.
        var again = await WaitingAsync(space, greedy, next.Revision, PerCaller);
        await space.PutAsync("circuit_breaker_status", "\"closed\"");
        await Task.WhenAll(again).WaitAsync(Long);
    }

    [Fact]
    public async Task Over_the_channel_cap_every_caller_is_rate_limited_until_a_wait_ends()
    {
        var space = new MemoryTestSpace(hive);
        var at = (await space.PutAsync("circuit_breaker_status", "\"closed\"")).Revision;
        var expiring = await WaitingAsync(space, HiveClusterFixture.NewId("first"), at, PerCaller, TimeSpan.FromSeconds(2));
        var rest = await WaitingAsync(space, HiveClusterFixture.NewId("second"), at, PerChannel - PerCaller);
        var late = HiveClusterFixture.NewId("late");

        Assert.Equal(HiveErrorCodes.RateLimited, (await Assert.ThrowsAsync<HiveException>(() => WatchAs(late, space, at, Long))).Code);
        Assert.All(await Task.WhenAll(expiring).WaitAsync(Long), answer => Assert.Empty(answer.Changes));

        var admitted = await WaitingAsync(space, late, at, 1);
        await space.PutAsync("circuit_breaker_status", "\"open\"");
        Assert.All(await Task.WhenAll(rest.Concat(admitted)).WaitAsync(Long), answer => Assert.Single(answer.Changes));
    }

    [Fact]
    public async Task The_client_stream_waits_under_its_own_caller_id()
    {
        var space = new MemoryTestSpace(hive);
        var at = (await space.PutAsync("circuit_breaker_status", "\"closed\"")).Revision;
        var caller = HiveClusterFixture.NewId("streamer");
        var client = new HiveClient(hive.Cluster.Client, new HiveCalls(caller, new HiveResilienceOptions()));
        using var stop = new CancellationTokenSource(Long);
        await using var stream = client.Memory.WatchAsync(space.Ns, space.Channel, at, stop.Token).GetAsyncEnumerator(stop.Token);
        var streamed = stream.MoveNextAsync().AsTask();

        await WaitingAsync(space, caller, at, PerCaller - 1);
        var refused = await Assert.ThrowsAsync<HiveException>(() => WatchAs(caller, space, at, Long));

        Assert.Equal(HiveErrorCodes.RateLimited, refused.Code);
        var next = await space.PutAsync("circuit_breaker_status", "\"open\"");
        Assert.True(await streamed.WaitAsync(Long));
        Assert.Equal(next.Revision, stream.Current.Revision);
    }

    [Fact]
    public async Task An_answer_over_the_byte_cap_is_cut_and_the_watcher_goes_on_from_its_last_change()
    {
        var space = new MemoryTestSpace(hive);
        for (var i = 1; i <= 5; i++) await space.PutAsync($"agent_task_{i}", ThirdOfTheCap);

        var first = await space.ChannelGrain.Watch(0, 100, TimeSpan.Zero);
        var second = await space.ChannelGrain.Watch(first.CurrentRevision, 100, TimeSpan.Zero);
        var last = await space.ChannelGrain.Watch(second.CurrentRevision, 100, TimeSpan.Zero);

        Assert.Equal(["1,2 -> 2", "3,4 -> 4", "5 -> 5"], new[] { first, second, last }.Select(Shown));
        Assert.All(first.Changes.Concat(second.Changes).Concat(last.Changes), c => Assert.Equal(ThirdOfTheCap, c.Value));
    }

    [Fact]
    public async Task A_change_larger_than_the_byte_cap_goes_out_alone_and_the_stream_goes_on_past_it()
    {
        var space = new MemoryTestSpace(hive);
        var huge = "\"" + new string('y', HiveClusterFixture.MaxWatchAnswerBytes * 2) + "\"";
        await space.PutAsync("agent_task_1", "\"claimed\"");
        await space.PutAsync("plan", huge);
        await space.PutAsync("agent_task_1", "\"done\"");

        var first = await space.ChannelGrain.Watch(0, 100, TimeSpan.Zero);
        var alone = await space.ChannelGrain.Watch(first.CurrentRevision, 100, TimeSpan.Zero);

        Assert.Equal(["1 -> 1", "2 -> 2"], new[] { first, alone }.Select(Shown));
        Assert.Equal(huge, Assert.Single(alone.Changes).Value);
        using var stop = new CancellationTokenSource(Long);
        var streamed = new List<long>();
        await foreach (var e in space.Memory.WatchAsync(space.Ns, space.Channel, 0, stop.Token))
        {
            streamed.Add(e.Revision);
            if (streamed.Count == 3) break;
        }
        Assert.Equal([1L, 2, 3], streamed);
    }

    /// <summary>The answer's revisions and, after the arrow, the revision to ask from next.</summary>
    private static string Shown(WatchResult answer) => $"{string.Join(",", answer.Changes.Select(c => c.Revision))} -> {answer.CurrentRevision}";

    /// <summary>A watch whose request names <paramref name="caller"/>, as Hive.Client's do.</summary>
    private static async Task<WatchResult> WatchAs(string caller, MemoryTestSpace space, long after, TimeSpan wait)
    {
        RequestContext.Set(HiveRequestContext.CallerKey, caller);
        return await space.ChannelGrain.Watch(after, 100, wait);
    }

    /// <summary>Starts <paramref name="count"/> watches from the channel's current revision and checks that they are waiting.</summary>
    private static async Task<Task<WatchResult>[]> WaitingAsync(MemoryTestSpace space, string caller, long at, int count, TimeSpan? wait = null)
    {
        var watches = Enumerable.Range(0, count).Select(_ => WatchAs(caller, space, at, wait ?? Long)).ToArray();
        await Task.Delay(300);
        Assert.All(watches, w => Assert.False(w.IsCompleted, "a watch from the current revision should still be waiting"));
        return watches;
    }
}

[Trait("Category", "Cluster")]
[Collection(HiveClusterCollection.Name)]
public sealed class MemoryWatchBoundsTestsInMemory(HiveClusterFixture hive) : MemoryWatchBoundsTests(hive);
