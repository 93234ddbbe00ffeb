namespace Hive.Tests.Contracts;

/// <summary>What every <see cref="IMessageStore"/> must do.</summary>
public abstract class MessageStoreContract : StoreContract
{
    protected IMessageStore Store { get; private set; } = null!;

    protected abstract Task<IMessageStore> CreateAsync();

    public override async Task InitializeAsync() => Store = await CreateAsync();

    protected static Message Note(string to, long sequence, string from = "sender") =>
        new(sequence, from, to, "notice", $"note {sequence}", $"body of {sequence}", null, T0.AddSeconds(sequence));

    [Fact]
    public async Task Messages_come_back_with_every_field_lowest_sequence_first()
    {
        var full = new Message(2, "agent-a", "agent-b", "request", "Review ✓", "Steps:\n1. canary\n2. ünïcödé", "rollout-42", T0.ToOffset(TimeSpan.FromHours(9)));
        var first = Note("agent-b", 1);

        await Store.AppendAsync([full]);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.AppendAsync([first]));
        await Store.AppendAsync([full with { Sequence = 3, CorrelationId = null }]);

        Assert.Equal([full, full with { Sequence = 3, CorrelationId = null }], await Store.PendingAsync("agent-b", 10));
        Assert.Equal([full], await Store.PendingAsync("agent-b", 1));
        Assert.Empty(await Store.PendingAsync("agent-a", 10));
    }

    [Fact]
    public async Task Acked_messages_leave_pending_but_still_count_for_the_last_sequence()
    {
        await Store.AppendAsync([Note("a1", 1), Note("a1", 2), Note("a1", 3)]);
        Assert.Equal(3, await Store.LastSequenceAsync("a1"));

        await Store.AckAsync("a1", [1, 3, 99]);
        await Store.AckAsync("a1", [1]);
        await Store.AckAsync("other", [2]);

        Assert.Equal([2L], (await Store.PendingAsync("a1", 10)).Select(m => m.Sequence));
        await Store.AckAsync("a1", [2]);
        Assert.Empty(await Store.PendingAsync("a1", 10));
        Assert.Equal(3, await Store.LastSequenceAsync("a1"));
        Assert.Equal(0, await Store.LastSequenceAsync("nobody"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.AppendAsync([Note("a1", 3)]));
        await Store.AppendAsync([Note("a1", 4)]);
        Assert.Equal([4L], (await Store.PendingAsync("a1", 10)).Select(m => m.Sequence));
    }

    [Fact]
    public async Task A_stale_sequence_rejects_the_whole_batch()
    {
        await Store.AppendAsync([Note("a1", 1), Note("a2", 1)]);

        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.AppendAsync([Note("a3", 1), Note("a1", 2), Note("a2", 1)]));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.AppendAsync([Note("a3", 1), Note("a3", 1)]));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.AppendAsync([Note("a3", 2), Note("a3", 1)]));

        Assert.Equal((1L, 1L, 0L), (await Store.LastSequenceAsync("a1"), await Store.LastSequenceAsync("a2"), await Store.LastSequenceAsync("a3")));
        Assert.Empty(await Store.PendingAsync("a3", 10));
    }

    [Fact]
    public async Task One_append_may_fill_several_inboxes_and_skip_sequences()
    {
        await Store.AppendAsync([Note("a1", 1), Note("a2", 5), Note("a1", 3)]);

        Assert.Equal([1L, 3], (await Store.PendingAsync("a1", 10)).Select(m => m.Sequence));
        Assert.Equal(5, await Store.LastSequenceAsync("a2"));
    }

    [Fact]
    public async Task Concurrent_appends_to_many_inboxes_all_land_and_one_sequence_is_taken_once()
    {
        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() => Store.AppendAsync([Note($"inbox-{i}", 1), Note($"inbox-{i}", 2)]))));
        var duplicates = await Task.WhenAll(Enumerable.Range(0, 10).Select(w => Task.Run(async () =>
        {
            try
            {
                await Store.AppendAsync([Note("contested", 1, from: $"writer-{w}")]);
                return true;
            }
            catch (InvalidOperationException)
            {
                return false;
            }
        })));

        for (var i = 0; i < 50; i++) Assert.Equal([1L, 2], (await Store.PendingAsync($"inbox-{i}", 10)).Select(m => m.Sequence));
        Assert.Single(duplicates, won => won);
        Assert.Single(await Store.PendingAsync("contested", 10));
    }

    [Fact]
    public async Task Acks_for_many_inboxes_arriving_together_each_remove_only_their_own_messages()
    {
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Store.AppendAsync([Note($"inbox-{i}", 1), Note($"inbox-{i}", 2), Note($"inbox-{i}", 3)])));

        // Inbox i acks sequence 1 + i % 3, twice, while the others ack theirs.
        await Task.WhenAll(Enumerable.Range(0, 80).Select(n => Task.Run(() => Store.AckAsync($"inbox-{n % 40}", [1 + n % 40 % 3]))));

        for (var i = 0; i < 40; i++)
        {
            var acked = 1 + i % 3;
            Assert.Equal(new long[] { 1, 2, 3 }.Where(s => s != acked), (await Store.PendingAsync($"inbox-{i}", 10)).Select(m => m.Sequence));
            Assert.Equal(3, await Store.LastSequenceAsync($"inbox-{i}"));
        }
    }

    [Fact]
    public async Task A_dropped_inbox_holds_nothing_and_starts_again_from_sequence_1()
    {
        await Store.AppendAsync([Note("gone", 1), Note("gone", 2), Note("kept", 1)]);
        await Store.AckAsync("gone", [1]);

        await Store.DropAsync("gone");
        await Store.DropAsync("gone");
        await Store.DropAsync("never-had-one");

        Assert.Empty(await Store.PendingAsync("gone", 10));
        Assert.Equal(0, await Store.LastSequenceAsync("gone"));
        await Store.AppendAsync([Note("gone", 1)]);
        Assert.Equal([1L], (await Store.PendingAsync("gone", 10)).Select(m => m.Sequence));
        Assert.Equal([1L], (await Store.PendingAsync("kept", 10)).Select(m => m.Sequence));
    }
}
