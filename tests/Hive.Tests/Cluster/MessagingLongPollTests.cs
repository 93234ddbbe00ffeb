namespace Hive.Tests.Cluster;

/// <summary>How many receives may wait on one inbox: a few per caller, a few more in all; the rest are rate-limited.</summary>
public abstract class MessagingLongPollTests(HiveClusterFixture hive)
{
    private const int PerCaller = HiveClusterFixture.MaxLongPollWaitersPerCaller;
    private const int PerInbox = HiveClusterFixture.MaxLongPollWaiters;
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(20);
    private readonly MessagingKit _kit = new(hive);

    [Fact]
    public async Task A_caller_over_its_share_of_waiting_receives_is_rate_limited_while_others_still_wait()
    {
        var sender = await _kit.AgentAsync("sender");
        var receiver = await _kit.AgentAsync("receiver");
        var greedy = Caller("greedy");
        var held = await WaitingAsync(greedy, receiver, PerCaller);

        var refused = await Assert.ThrowsAsync<HiveException>(() => greedy.Messages.ReceiveAsync(receiver, 10, Long));
        var other = await WaitingAsync(Caller("patient"), receiver, 1);
        Assert.Empty(await greedy.Messages.ReceiveAsync(receiver));

        Assert.Equal((HiveErrorCodes.RateLimited, GrainKeys.Inbox(receiver)), (refused.Code, refused.Entity));
        Assert.NotNull(refused.RetryAfter);
        await _kit.Hive.Messages.SendAsync(MessagingKit.Note(sender, receiver, subject: "wake up"));
        foreach (var answer in await Task.WhenAll(held.Concat(other)).WaitAsync(Long))
            Assert.Equal("wake up", Assert.Single(answer).Subject);

        // A receive with messages pending never waits, so the caps do not apply to it.
        var pending = await Task.WhenAll(Enumerable.Range(0, PerInbox + 1).Select(_ => greedy.Messages.ReceiveAsync(receiver, 10, Long)));
        Assert.All(pending, answer => Assert.Equal("wake up", Assert.Single(answer).Subject));
        await _kit.DrainAsync(receiver);
    }

    [Fact]
    public async Task Over_the_inbox_cap_every_caller_is_rate_limited_until_a_wait_ends()
    {
        var receiver = await _kit.AgentAsync("receiver");
        var first = Caller("first");
        var soon = TimeSpan.FromSeconds(2);
        var expiring = await WaitingAsync(first, receiver, PerCaller, soon);
        var rest = await WaitingAsync(Caller("second"), receiver, PerInbox - PerCaller);
        var late = Caller("late");

        var refused = await Assert.ThrowsAsync<HiveException>(() => late.Messages.ReceiveAsync(receiver, 10, Long));

        Assert.Equal(HiveErrorCodes.RateLimited, refused.Code);
        Assert.All(await Task.WhenAll(expiring).WaitAsync(Long), Assert.Empty);
        // The waits that ran out gave their places back.
        var admitted = await WaitingAsync(late, receiver, 1);
        var sender = await _kit.AgentAsync("sender");
        await _kit.Hive.Messages.SendAsync(MessagingKit.Note(sender, receiver));
        Assert.All(await Task.WhenAll(rest.Concat(admitted)).WaitAsync(Long), answer => Assert.Single(answer));
        await _kit.DrainAsync(receiver);
    }

    /// <summary>A client naming its own caller id that does not retry rate-limited calls, so a refusal shows at once.</summary>
    private HiveClient Caller(string prefix) =>
        new(hive.Cluster.Client, new HiveCalls(HiveClusterFixture.NewId(prefix), new HiveResilienceOptions { RetryBudget = TimeSpan.Zero }));

    /// <summary>Starts <paramref name="count"/> receives on the empty inbox and checks that they are waiting.</summary>
    private static async Task<Task<IReadOnlyList<Message>>[]> WaitingAsync(HiveClient client, string receiver, int count, TimeSpan? wait = null)
    {
        var receives = Enumerable.Range(0, count).Select(_ => client.Messages.ReceiveAsync(receiver, 10, wait ?? Long)).ToArray();
        await Task.Delay(300);
        Assert.All(receives, r => Assert.False(r.IsCompleted, "a receive on the empty inbox should still be waiting"));
        return receives;
    }
}

[Trait("Category", "Cluster")]
[Collection(HiveClusterCollection.Name)]
public sealed class MessagingLongPollTestsInMemory(HiveClusterFixture hive) : MessagingLongPollTests(hive);
