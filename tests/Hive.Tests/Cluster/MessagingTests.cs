using System.Diagnostics;
using Orleans.Core.Internal;

namespace Hive.Tests.Cluster;

[Trait("Category", "Cluster")]
[Collection(HiveClusterCollection.Name)]
public sealed class MessagingTests(HiveClusterFixture hive)
{
    private readonly MessagingKit _kit = new(hive);

    [Fact]
    public async Task Sent_message_arrives_with_every_field_and_is_gone_after_ack()
    {
        var sender = await _kit.AgentAsync("sender");
        var receiver = await _kit.AgentAsync("receiver");
        var draft = new MessageDraft(sender, "request", "Review the rollout plan", "Steps:\n1. canary\n2. 10 %\n✓ ünïcödé",
            To: receiver, CorrelationId: "rollout-42");

        var sequence = await _kit.Hive.Messages.SendAsync(draft);

        Assert.Equal(1L, sequence);
        var received = Assert.Single(await _kit.Hive.Messages.ReceiveAsync(receiver));
        Assert.Equal(new Message(1, sender, receiver, "request", draft.Subject, draft.Body, "rollout-42", hive.Time.GetUtcNow()), received);
        Assert.Equal(new InboxSize(1, HiveClusterFixture.InboxCapacity, LastSequence: 1), await _kit.Hive.Messages.InboxSizeAsync(receiver));

        Assert.Equal(1, await _kit.Hive.Messages.AckAsync(receiver, [sequence]));
        Assert.Empty(await _kit.Hive.Messages.ReceiveAsync(receiver));
        // Acking empties the inbox but never lowers its last sequence: it counts every message ever delivered.
        Assert.Equal(new InboxSize(0, HiveClusterFixture.InboxCapacity, LastSequence: 1), await _kit.Hive.Messages.InboxSizeAsync(receiver));
        Assert.Equal(0, await _kit.Hive.Messages.AckAsync(receiver, [sequence]));
    }

    [Fact]
    public async Task Unacked_messages_are_received_again_in_send_order_until_acked()
    {
        var sender = await _kit.AgentAsync("sender");
        var receiver = await _kit.AgentAsync("receiver");
        var sent = await _kit.SendNotesAsync(sender, receiver, 3);

        var first = await _kit.Hive.Messages.ReceiveAsync(receiver);
        Assert.Equal(sent, MessagingKit.Sequences(first));
        Assert.Equal(Enumerable.Range(0, 3).Select(n => $"note {n}"), first.Select(m => m.Subject));
        Assert.Equal(first, await _kit.Hive.Messages.ReceiveAsync(receiver));
        Assert.Equal(sent[..2], MessagingKit.Sequences(await _kit.Hive.Messages.ReceiveAsync(receiver, maxMessages: 2)));

        Assert.Equal(2, await _kit.Hive.Messages.AckAsync(receiver, [sent[0], sent[1], sent[1]]));
        Assert.Equal(new[] { sent[2] }, MessagingKit.Sequences(await _kit.Hive.Messages.ReceiveAsync(receiver)));

        Assert.Equal(1, await _kit.Hive.Messages.AckAsync(receiver, [sent[0], sent[2], 999]));
        Assert.Empty(await _kit.Hive.Messages.ReceiveAsync(receiver));
    }

    [Fact]
    public async Task Message_to_or_from_an_unknown_agent_is_not_found_and_stores_nothing()
    {
        var known = await _kit.AgentAsync("known");
        var unknown = HiveClusterFixture.NewId("ghost");
        var appended = hive.Messages.Appended;

        var toGhost = await Assert.ThrowsAsync<HiveException>(() => _kit.Hive.Messages.SendAsync(MessagingKit.Note(known, unknown)));
        var fromGhost = await Assert.ThrowsAsync<HiveException>(() => _kit.Hive.Messages.SendAsync(MessagingKit.Note(unknown, known)));
        var roleFromGhost = await Assert.ThrowsAsync<HiveException>(() =>
            _kit.Hive.Messages.SendToRoleAsync(new MessageDraft(unknown, "notice", "hi", "", ToRole: "messaging-test")));

        Assert.Equal((HiveErrorCodes.NotFound, "agent/" + unknown), (toGhost.Code, toGhost.Entity));
        Assert.Contains("Recipient", toGhost.Message, StringComparison.Ordinal);
        Assert.Equal((HiveErrorCodes.NotFound, "agent/" + unknown), (fromGhost.Code, fromGhost.Entity));
        Assert.Equal(HiveErrorCodes.NotFound, roleFromGhost.Code);
        Assert.Equal(appended, hive.Messages.Appended);
        Assert.Empty(await hive.Messages.PendingAsync(unknown, 10));
        Assert.Equal(0, await hive.Messages.LastSequenceAsync(unknown));
        Assert.Equal(0, (await _kit.Hive.Messages.InboxSizeAsync(known)).Pending);
        await Assert.ThrowsAsync<HiveException>(() => _kit.Hive.Agents.GetAsync(unknown));
    }

    [Fact]
    public async Task Long_poll_receive_answers_as_soon_as_a_message_arrives()
    {
        var sender = await _kit.AgentAsync("sender");
        var receiver = await _kit.AgentAsync("receiver");
        Assert.Empty(await _kit.Hive.Messages.ReceiveAsync(receiver));

        var wait = TimeSpan.FromSeconds(10);
        var clock = Stopwatch.StartNew();
        var receive = _kit.Hive.Messages.ReceiveAsync(receiver, 10, wait);
        await Task.Delay(200);
        Assert.False(receive.IsCompleted, "the receive should still be waiting for a message");
        await _kit.Hive.Messages.SendAsync(MessagingKit.Note(sender, receiver, subject: "wake up"));

        var received = Assert.Single(await receive);
        Assert.Equal("wake up", received.Subject);
        // Only "did not sit out the wait": how fast it woke is not this test's business.
        Assert.True(clock.Elapsed < wait / 2, $"the receive took {clock.Elapsed}, close to its {wait} wait");
        await _kit.DrainAsync(receiver);
    }

    [Fact]
    public async Task Pending_messages_survive_the_loss_of_the_inbox_activation()
    {
        var sender = await _kit.AgentAsync("sender");
        var receiver = await _kit.AgentAsync("receiver");
        var sent = await _kit.SendNotesAsync(sender, receiver, 3);
        var before = await _kit.Hive.Messages.ReceiveAsync(receiver);

        var inbox = hive.Grains.GetGrain<IInboxGrain>(GrainKeys.Inbox(receiver));
        await hive.SiloGrains.GetGrain<IGrainManagementExtension>(inbox.GetGrainId()).DeactivateOnIdle();
        // Acked behind the old activation's back: only a new activation, reading the store, can know.
        await hive.Messages.AckAsync(receiver, [sent[0]]);

        Assert.Equal(before.Skip(1), await _kit.Hive.Messages.ReceiveAsync(receiver));
        Assert.Equal(sent[2] + 1, await _kit.Hive.Messages.SendAsync(MessagingKit.Note(sender, receiver)));
        Assert.Equal(3, (await _kit.DrainAsync(receiver)).Count);

        await hive.SiloGrains.GetGrain<IGrainManagementExtension>(inbox.GetGrainId()).DeactivateOnIdle();
        Assert.Equal(sent[2] + 2, await _kit.Hive.Messages.SendAsync(MessagingKit.Note(sender, receiver)));
        await _kit.DrainAsync(receiver);
    }
}
