using Hive.Memory;

namespace Hive.Tests.Unit;

public class ChangeSequencerTests
{
    private const string Channel = "phase4_swarm/coordination";
    private static readonly DateTimeOffset At = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static MemoryChange Change(string key) => new(0, key, MemoryChangeKind.Put, 1, "1", "tester", At);

    [Fact]
    public async Task Changes_arriving_during_an_append_go_together_in_the_next_one()
    {
        var log = new ScriptedMemoryChangeLog();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        log.BeforeAppend = _ => release.Task;
        var sequencer = new ChangeSequencer(Channel, log);
        await sequencer.LoadAsync(CancellationToken.None);

        var first = sequencer.RecordAsync(Change("k0"));
        var rest = Enumerable.Range(1, 9).Select(i => sequencer.RecordAsync(Change($"k{i}"))).ToArray();
        release.SetResult();
        var revisions = await Task.WhenAll(rest.Prepend(first));

        Assert.Equal(Enumerable.Range(1, 10).Select(r => (long)r), revisions);
        Assert.Equal([1, 9], log.BatchSizes);
        var read = await log.ReadAsync(Channel, 0, 100);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"k{i}"), read.Changes.Select(c => c.Key));
        Assert.Equal(10, sequencer.Revision);
    }

    [Fact]
    public async Task A_failed_append_uses_up_no_revision()
    {
        var log = new ScriptedMemoryChangeLog();
        var sequencer = new ChangeSequencer(Channel, log);
        await sequencer.LoadAsync(CancellationToken.None);
        Assert.Equal(1, await sequencer.RecordAsync(Change("a")));

        log.BeforeAppend = _ => throw new TimeoutException("storage is slow");
        await Assert.ThrowsAsync<TimeoutException>(() => sequencer.RecordAsync(Change("b")));
        Assert.Equal(1, sequencer.Revision);

        log.BeforeAppend = _ => Task.CompletedTask;
        Assert.Equal(2, await sequencer.RecordAsync(Change("c")));
        Assert.Equal(["a", "c"], (await log.ReadAsync(Channel, 0, 10)).Changes.Select(c => c.Key));
    }

    [Fact]
    public async Task After_a_failure_it_asks_the_log_where_it_stands_before_numbering_again()
    {
        var log = new ScriptedMemoryChangeLog();
        var sequencer = new ChangeSequencer(Channel, log);
        await sequencer.LoadAsync(CancellationToken.None);
        // Another writer (say, a second activation) appended first, so this append is refused.
        await log.AppendAsync(Channel, [Change("other") with { Revision = 1 }]);
        await Assert.ThrowsAsync<InvalidOperationException>(() => sequencer.RecordAsync(Change("mine")));

        Assert.Equal(2, await sequencer.RecordAsync(Change("mine")));
    }

    [Fact]
    public async Task Next_batch_completes_once_a_change_is_in_the_log()
    {
        var sequencer = new ChangeSequencer(Channel, new ScriptedMemoryChangeLog());
        await sequencer.LoadAsync(CancellationToken.None);
        var next = sequencer.NextBatch;
        Assert.False(next.IsCompleted);

        await sequencer.RecordAsync(Change("a"));

        await next.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.False(sequencer.NextBatch.IsCompleted);
    }
}
