using System.Globalization;

namespace Hive.Tests.Cluster;

/// <summary>Many senders, one receiver, an inbox far smaller than the traffic: nothing lost, doubled or reordered.</summary>
public abstract class MessagingConcurrencyTests(HiveClusterFixture hive)
{
    private const int Senders = 20;
    private const int PerSender = 10;
    private readonly MessagingKit _kit = new(hive);

    [Fact]
    public async Task Concurrent_senders_lose_nothing_duplicate_nothing_and_keep_their_order()
    {
        var receiver = await _kit.AgentAsync("receiver");
        var senders = await Task.WhenAll(Enumerable.Range(0, Senders).Select(_ => _kit.AgentAsync("sender")));
        var refusals = 0;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        // 200 messages through an inbox of 20: senders back off on inbox-full while the receiver acks as it goes.
        // The receiver starts only once the inbox has pushed back, so the back-pressure path is always taken.
        var firstRefusal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var receiving = ReceiveAfterAsync(firstRefusal.Task, receiver, Senders * PerSender, stop.Token);
        await Task.WhenAll(senders.Select(async sender =>
        {
            for (var n = 0; n < PerSender; n++)
            {
                while (!await TrySendAsync(sender, receiver, n))
                {
                    Interlocked.Increment(ref refusals);
                    firstRefusal.TrySetResult();
                    await Task.Delay(5, stop.Token);
                }
            }
        }));
        var received = await receiving;

        Assert.Equal(Senders * PerSender, received.Count);
        Assert.Equal(received.Count, received.Select(m => (m.From, m.Subject)).Distinct().Count());
        Assert.Equal(received.Count, received.Select(m => m.Sequence).Distinct().Count());
        Assert.True(MessagingKit.Sequences(received).SequenceEqual(MessagingKit.Sequences(received).Order()), "receive order is sequence order");
        foreach (var sender in senders)
        {
            var numbers = received.Where(m => m.From == sender).Select(m => int.Parse(m.Subject, CultureInfo.InvariantCulture));
            Assert.Equal(Enumerable.Range(0, PerSender), numbers);
        }
        Assert.Equal(0, (await _kit.Hive.Messages.InboxSizeAsync(receiver)).Pending);
        Assert.True(refusals > 0, "the inbox pushed back while nobody acked");
    }

    private async Task<bool> TrySendAsync(string sender, string receiver, int n)
    {
        try
        {
            await _kit.Hive.Messages.SendAsync(new MessageDraft(sender, "notice", n.ToString(CultureInfo.InvariantCulture), "", To: receiver));
            return true;
        }
        catch (HiveException e) when (e.Code == HiveErrorCodes.InboxFull)
        {
            return false;
        }
    }

    private async Task<List<Message>> ReceiveAfterAsync(Task start, string receiver, int expected, CancellationToken stop)
    {
        await start.WaitAsync(stop);
        return await ReceiveAsync(receiver, expected, stop);
    }

    /// <summary>Receives and acks in small batches until <paramref name="expected"/> messages arrived.</summary>
    private async Task<List<Message>> ReceiveAsync(string receiver, int expected, CancellationToken stop)
    {
        var received = new List<Message>();
        while (received.Count < expected)
        {
            stop.ThrowIfCancellationRequested();
            var batch = await _kit.Hive.Messages.ReceiveAsync(receiver, 7, TimeSpan.FromSeconds(1));
            received.AddRange(batch);
            if (batch.Count > 0) await _kit.Hive.Messages.AckAsync(receiver, MessagingKit.Sequences(batch));
        }
        return received;
    }
}

[Trait("Category", "Cluster")]
[Collection(HiveClusterCollection.Name)]
public sealed class MessagingConcurrencyTestsInMemory(HiveClusterFixture hive) : MessagingConcurrencyTests(hive);
