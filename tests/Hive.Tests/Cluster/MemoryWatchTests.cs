using System.Diagnostics;

namespace Hive.Tests.Cluster;

public abstract class MemoryWatchTests(HiveClusterFixture hive)
{
    [Fact]
    public async Task Watch_from_zero_returns_every_change_in_revision_order()
    {
        var space = new MemoryTestSpace(hive);
        await space.PutAsync("circuit_breaker_status", "\"closed\"");
        await space.PutAsync("agent_task_1", "\"claimed\"");
        await space.Memory.DeleteAsync(space.Ns, space.Channel, "circuit_breaker_status", "security-manager");
        await space.PutAsync("agent_task_1", "\"done\"");

        var result = await space.ChannelGrain.Watch(0, 100, TimeSpan.FromSeconds(5));

        Assert.False(result.Compacted);
        Assert.Equal(4, result.CurrentRevision);
        Assert.Equal([1L, 2, 3, 4], result.Changes.Select(c => c.Revision));
        Assert.Equal(
            ["circuit_breaker_status/Put/\"closed\"", "agent_task_1/Put/\"claimed\"", "circuit_breaker_status/Delete/", "agent_task_1/Put/\"done\""],
            result.Changes.Select(c => $"{c.Key}/{c.Kind}/{c.Value}"));

        var tail = await space.ChannelGrain.Watch(2, 1, TimeSpan.Zero);
        Assert.Equal([3L], tail.Changes.Select(c => c.Revision));
    }

    [Fact]
    public async Task Watch_from_a_compacted_revision_answers_compacted_with_the_current_revision()
    {
        var space = new MemoryTestSpace(hive);
        var writes = HiveClusterFixture.ChangeLogRetention + 6;
        for (var i = 1; i <= writes; i++) await space.PutAsync($"agent_task_{i % 7}", i.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var fromZero = await space.ChannelGrain.Watch(0, 100, TimeSpan.FromSeconds(5));
        Assert.Equal((true, (long)writes), (fromZero.Compacted, fromZero.CurrentRevision));
        Assert.Empty(fromZero.Changes);

        var oldestRetained = writes - HiveClusterFixture.ChangeLogRetention + 1;
        Assert.True((await space.ChannelGrain.Watch(oldestRetained - 2, 100, TimeSpan.Zero)).Compacted);
        var fromEdge = await space.ChannelGrain.Watch(oldestRetained - 1, 1000, TimeSpan.Zero);
        Assert.False(fromEdge.Compacted);
        Assert.Equal(Enumerable.Range(oldestRetained, HiveClusterFixture.ChangeLogRetention).Select(r => (long)r),
            fromEdge.Changes.Select(c => c.Revision));

        var fromFuture = await space.ChannelGrain.Watch(writes + 10, 100, TimeSpan.Zero);
        Assert.Equal((true, (long)writes), (fromFuture.Compacted, fromFuture.CurrentRevision));
    }

    [Fact]
    public async Task Long_poll_returns_promptly_when_a_change_arrives()
    {
        var space = new MemoryTestSpace(hive);
        var first = await space.PutAsync("circuit_breaker_status", "\"closed\"");

        var poll = space.ChannelGrain.Watch(first.Revision, 100, TimeSpan.FromSeconds(20));
        await Task.Delay(200);
        Assert.False(poll.IsCompleted, "the watch answered before anything changed");
        var clock = Stopwatch.StartNew();
        await space.PutAsync("circuit_breaker_status", "\"open\"");
        var result = await poll.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"the watch took {clock.Elapsed} to answer");
        Assert.Equal(["\"open\""], result.Changes.Select(c => c.Value));
        Assert.Equal(first.Revision + 1, result.CurrentRevision);
    }

    [Fact]
    public async Task Long_poll_answers_no_changes_when_the_wait_elapses()
    {
        var space = new MemoryTestSpace(hive);
        var first = await space.PutAsync("circuit_breaker_status", "\"closed\"");

        var result = await space.ChannelGrain.Watch(first.Revision, 100, TimeSpan.FromMilliseconds(200));

        Assert.Equal((false, first.Revision), (result.Compacted, result.CurrentRevision));
        Assert.Empty(result.Changes);
    }

    [Fact]
    public async Task Bad_watch_arguments_are_validation_errors()
    {
        var space = new MemoryTestSpace(hive);
        foreach (var call in new Func<Task>[]
        {
            () => space.ChannelGrain.Watch(-1, 10, TimeSpan.Zero),
            () => space.ChannelGrain.Watch(0, 0, TimeSpan.Zero),
            () => space.ChannelGrain.Watch(0, MemoryLimits.MaxWatchChanges + 1, TimeSpan.Zero),
            () => space.ChannelGrain.Watch(0, 10, TimeSpan.FromSeconds(-1)),
        })
        {
            Assert.Equal(HiveErrorCodes.Validation, (await Assert.ThrowsAsync<HiveException>(call)).Code);
        }
    }
}

[Trait("Category", "Cluster")]
[Collection(HiveClusterCollection.Name)]
public sealed class MemoryWatchTestsInMemory(HiveClusterFixture hive) : MemoryWatchTests(hive);
