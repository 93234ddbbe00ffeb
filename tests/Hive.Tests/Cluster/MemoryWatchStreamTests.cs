namespace Hive.Tests.Cluster;

public abstract class MemoryWatchStreamTests(HiveClusterFixture hive)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Stream_yields_changes_written_after_it_started()
    {
        var space = new MemoryTestSpace(hive);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var stream = space.Memory.WatchAsync(space.Ns, space.Channel, 0, stop.Token).GetAsyncEnumerator(stop.Token);

        var next = stream.MoveNextAsync().AsTask();
        await space.PutAsync("circuit_breaker_status", "\"open\"", author: "reliability-engineer");

        Assert.True(await next.WaitAsync(Patience));
        Assert.Equal(MemoryWatchEventKind.Change, stream.Current.Kind);
        Assert.Equal(("circuit_breaker_status", "\"open\"", "reliability-engineer"),
            (stream.Current.Change!.Key, stream.Current.Change.Value, stream.Current.Change.Author));
    }

    [Fact]
    public async Task Cancelled_stream_restarted_from_its_last_revision_misses_nothing_and_repeats_nothing()
    {
        var space = new MemoryTestSpace(hive);
        var seen = new List<long>();
        using (var stop = new CancellationTokenSource())
        {
            await using var stream = space.Memory.WatchAsync(space.Ns, space.Channel, 0, stop.Token).GetAsyncEnumerator(stop.Token);
            for (var i = 1; i <= 3; i++) await space.PutAsync($"agent_task_{i}", "\"claimed\"");
            seen.AddRange(await TakeAsync(stream, 3));

            var pending = stream.MoveNextAsync().AsTask();
            await stop.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending.WaitAsync(Patience));
        }

        // Written while nobody watches.
        for (var i = 4; i <= 5; i++) await space.PutAsync($"agent_task_{i}", "\"claimed\"");

        using var again = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var resumed = space.Memory.WatchAsync(space.Ns, space.Channel, seen[^1], again.Token).GetAsyncEnumerator(again.Token);
        seen.AddRange(await TakeAsync(resumed, 2));
        var live = resumed.MoveNextAsync().AsTask();
        await space.PutAsync("agent_task_6", "\"claimed\"");
        Assert.True(await live.WaitAsync(Patience));
        seen.Add(resumed.Current.Revision);

        Assert.Equal([1L, 2, 3, 4, 5, 6], seen);
    }

    [Fact]
    public async Task Stream_reports_compaction_once_and_goes_on_from_the_current_revision()
    {
        var space = new MemoryTestSpace(hive);
        var writes = HiveClusterFixture.ChangeLogRetention + 3;
        for (var i = 1; i <= writes; i++) await space.PutAsync("circuit_breaker_status", "\"flapping\"");
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var stream = space.Memory.WatchAsync(space.Ns, space.Channel, 0, stop.Token).GetAsyncEnumerator(stop.Token);

        Assert.True(await stream.MoveNextAsync().AsTask().WaitAsync(Patience));
        Assert.Equal(MemoryWatchEvent.CompactedAt(writes), stream.Current);

        var next = stream.MoveNextAsync().AsTask();
        await space.PutAsync("circuit_breaker_status", "\"closed\"");
        Assert.True(await next.WaitAsync(Patience));
        Assert.Equal((MemoryWatchEventKind.Change, writes + 1L), (stream.Current.Kind, stream.Current.Revision));
    }

    private static async Task<List<long>> TakeAsync(IAsyncEnumerator<MemoryWatchEvent> stream, int count)
    {
        var revisions = new List<long>();
        while (revisions.Count < count)
        {
            Assert.True(await stream.MoveNextAsync().AsTask().WaitAsync(Patience));
            Assert.Equal(MemoryWatchEventKind.Change, stream.Current.Kind);
            revisions.Add(stream.Current.Revision);
        }
        return revisions;
    }
}

[Trait("Category", "Cluster")]
[Collection(HiveClusterCollection.Name)]
public sealed class MemoryWatchStreamTestsInMemory(HiveClusterFixture hive) : MemoryWatchStreamTests(hive);
