using Hive.Memory;
using Hive.Silo.InMemory;

namespace Hive.Tests.Unit;

public class InMemoryMemoryChangeLogTests
{
    private const string Channel = "phase4_swarm/coordination";

    private static MemoryChange[] Changes(long from, int count) => Enumerable.Range(0, count)
        .Select(i => new MemoryChange(from + i, "agent_task_1", MemoryChangeKind.Put, from + i, "1", "tester", DateTimeOffset.UnixEpoch))
        .ToArray();

    [Fact]
    public async Task An_unknown_channel_is_empty_at_revision_zero()
    {
        var log = new InMemoryMemoryChangeLog(10);
        Assert.Equal(0, await log.LatestRevisionAsync(Channel));
        Assert.Equal((0, 1L, 0L), View(await log.ReadAsync(Channel, 0, 10)));
    }

    [Fact]
    public async Task It_keeps_the_last_retention_changes_and_reports_the_oldest_it_holds()
    {
        var log = new InMemoryMemoryChangeLog(10);
        for (var r = 1; r <= 95; r += 5) await log.AppendAsync(Channel, Changes(r, 5));

        var read = await log.ReadAsync(Channel, 0, 100);

        Assert.Equal((10, 86L, 95L), View(read));
        Assert.Equal(Enumerable.Range(86, 10).Select(r => (long)r), read.Changes.Select(c => c.Revision));
        Assert.Equal([91L, 92], (await log.ReadAsync(Channel, 90, 2)).Changes.Select(c => c.Revision));
        Assert.Empty((await log.ReadAsync(Channel, 95, 2)).Changes);
    }

    [Fact]
    public async Task An_append_that_does_not_continue_the_latest_revision_is_refused_whole()
    {
        var log = new InMemoryMemoryChangeLog(10);
        await log.AppendAsync(Channel, Changes(1, 2));

        await Assert.ThrowsAsync<InvalidOperationException>(() => log.AppendAsync(Channel, Changes(2, 2)));
        await Assert.ThrowsAsync<InvalidOperationException>(() => log.AppendAsync(Channel, [.. Changes(3, 1), .. Changes(5, 1)]));

        Assert.Equal(2, await log.LatestRevisionAsync(Channel));
    }

    private static (int Count, long Oldest, long Latest) View(Ports.MemoryLogRead read) =>
        (read.Changes.Count, read.OldestRevision, read.LatestRevision);
}
