namespace Hive.Tests.Contracts;

/// <summary>What every <see cref="IMemoryChangeLog"/> must do.</summary>
public abstract class MemoryChangeLogContract : StoreContract
{
    protected const string Channel = "phase4_swarm/coordination";

    protected abstract Task<IMemoryChangeLog> CreateAsync(int retention);

    protected static MemoryChange[] Changes(long from, int count, string key = "agent_task_1") => Enumerable.Range(0, count)
        .Select(i => new MemoryChange(from + i, key, MemoryChangeKind.Put, from + i, "1", "tester", T0.AddSeconds(from + i)))
        .ToArray();

    [Fact]
    public async Task An_unknown_channel_is_empty_at_revision_zero()
    {
        var log = await CreateAsync(10);
        Assert.Equal(0, await log.LatestRevisionAsync(Channel));
        Assert.Equal((0, 1L, 0L), View(await log.ReadAsync(Channel, 0, 10)));
    }

    [Fact]
    public async Task Changes_come_back_with_every_field_as_written()
    {
        var log = await CreateAsync(10);
        MemoryChange[] written =
        [
            new(1, "config", MemoryChangeKind.Put, 1, """{ "b": 1,  "a": [1, 2.50], "s": "ünï ✓" }""", "agent-1", T0.ToOffset(TimeSpan.FromHours(3))),
            new(2, "config", MemoryChangeKind.Delete, 2, null, "agent-2", T0.AddSeconds(1)),
            new(3, "lease", MemoryChangeKind.Expire, 7, null, "hive", T0.AddSeconds(2)),
        ];

        await log.AppendAsync(Channel, written);

        var read = await log.ReadAsync(Channel, 0, 10);
        Assert.Equal(written, read.Changes);
        Assert.Equal((3, 1L, 3L), View(read));
        Assert.Equal(3, await log.LatestRevisionAsync(Channel));
        Assert.Equal((0, 1L, 3L), View(await log.ReadAsync(Channel, 0, 0)));
    }

    [Fact]
    public async Task It_keeps_the_last_retention_changes_and_reports_the_oldest_it_holds()
    {
        var log = await CreateAsync(10);
        for (var r = 1; r <= 95; r += 5) await log.AppendAsync(Channel, Changes(r, 5));

        var read = await log.ReadAsync(Channel, 0, 100);

        Assert.Equal((10, 86L, 95L), View(read));
        Assert.Equal(Enumerable.Range(86, 10).Select(r => (long)r), read.Changes.Select(c => c.Revision));
        Assert.Equal([91L, 92], (await log.ReadAsync(Channel, 90, 2)).Changes.Select(c => c.Revision));
        Assert.Empty((await log.ReadAsync(Channel, 95, 2)).Changes);
        Assert.Equal(95, await log.LatestRevisionAsync(Channel));
    }

    [Fact]
    public async Task An_append_naming_a_taken_revision_is_refused_whole()
    {
        var log = await CreateAsync(10);
        await log.AppendAsync(Channel, Changes(1, 2));
        await log.SkipAsync(Channel, [4]);

        await Assert.ThrowsAsync<InvalidOperationException>(() => log.AppendAsync(Channel, Changes(2, 2, key: "late")));
        await Assert.ThrowsAsync<InvalidOperationException>(() => log.AppendAsync(Channel, [.. Changes(3, 1, key: "late"), .. Changes(4, 1, key: "late")]));

        Assert.Equal(4, await log.LatestRevisionAsync(Channel));
        var read = await log.ReadAsync(Channel, 0, 10);
        Assert.Equal([1L, 2], read.Changes.Select(c => c.Revision));
        Assert.DoesNotContain(read.Changes, c => c.Key == "late");
    }

    [Fact]
    public async Task Appending_changes_already_stored_exactly_as_given_is_a_retry_and_succeeds()
    {
        var log = await CreateAsync(10);
        var changes = Changes(1, 2);
        await log.AppendAsync(Channel, changes);

        await log.AppendAsync(Channel, changes);

        Assert.Equal(changes, (await log.ReadAsync(Channel, 0, 10)).Changes);
    }

    [Fact]
    public async Task Revisions_may_arrive_out_of_order_and_are_read_in_order()
    {
        var log = await CreateAsync(10);
        await log.AppendAsync(Channel, Changes(3, 1));
        await log.AppendAsync(Channel, Changes(1, 2));

        Assert.Equal([1L, 2, 3], (await log.ReadAsync(Channel, 0, 10)).Changes.Select(c => c.Revision));
        Assert.Equal(3, await log.LatestRevisionAsync(Channel));
    }

    [Fact]
    public async Task A_skip_takes_only_free_revisions_and_is_never_read()
    {
        var log = await CreateAsync(10);
        await log.AppendAsync(Channel, [.. Changes(1, 1), .. Changes(3, 1)]);

        await log.SkipAsync(Channel, [1, 2, 3, 4]);

        var read = await log.ReadAsync(Channel, 0, 10);
        Assert.Equal([1L, 3], read.Changes.Select(c => c.Revision));
        Assert.Equal((2, 1L, 4L), View(read));
        Assert.Equal(4, await log.LatestRevisionAsync(Channel));
        await Assert.ThrowsAsync<InvalidOperationException>(() => log.AppendAsync(Channel, Changes(2, 1, key: "late")));
        Assert.Equal([3L], (await log.ReadAsync(Channel, 1, 10)).Changes.Select(c => c.Revision));
    }

    [Fact]
    public async Task A_revision_older_than_the_retained_window_is_refused()
    {
        var log = await CreateAsync(3);
        await log.AppendAsync(Channel, Changes(10, 1));

        await Assert.ThrowsAsync<InvalidOperationException>(() => log.AppendAsync(Channel, Changes(7, 1)));
        await log.AppendAsync(Channel, Changes(8, 1));

        Assert.Equal([8L, 10], (await log.ReadAsync(Channel, 0, 10)).Changes.Select(c => c.Revision));
    }

    [Fact]
    public async Task Channels_are_independent()
    {
        var log = await CreateAsync(3);
        await log.AppendAsync("ns/a", Changes(1, 5));
        await log.AppendAsync("ns/b", Changes(1, 1, key: "other"));

        Assert.Equal((3, 3L, 5L), View(await log.ReadAsync("ns/a", 0, 10)));
        var b = await log.ReadAsync("ns/b", 0, 10);
        Assert.Equal((1, 1L, 1L), View(b));
        Assert.Equal("other", b.Changes[0].Key);
    }

    [Fact]
    public async Task Of_concurrent_writers_appending_the_same_revisions_exactly_one_wins()
    {
        var log = await CreateAsync(100);
        await log.AppendAsync(Channel, Changes(1, 1));

        var attempts = Enumerable.Range(0, 12).Select(w => Task.Run(() => log.AppendAsync(Channel, Changes(2, 3, key: $"writer-{w}")))).ToArray();
        var outcomes = await Task.WhenAll(attempts.Select(async a =>
        {
            try
            {
                await a;
                return true;
            }
            catch (InvalidOperationException)
            {
                return false;
            }
        }));

        Assert.Single(outcomes, won => won);
        var read = await log.ReadAsync(Channel, 0, 100);
        Assert.Equal([1L, 2, 3, 4], read.Changes.Select(c => c.Revision));
        Assert.Single(read.Changes.Skip(1).Select(c => c.Key).Distinct());
    }

    private static (int Count, long Oldest, long Latest) View(MemoryLogRead read) =>
        (read.Changes.Count, read.OldestRevision, read.LatestRevision);
}
