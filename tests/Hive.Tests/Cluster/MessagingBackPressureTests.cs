namespace Hive.Tests.Cluster;

/// <summary>A full inbox refuses clearly and stores nothing; role sends report it per recipient.</summary>
[Trait("Category", "Cluster")]
[Collection(HiveClusterCollection.Name)]
public sealed class MessagingBackPressureTests(HiveClusterFixture hive)
{
    private const int Capacity = HiveClusterFixture.InboxCapacity;
    private readonly MessagingKit _kit = new(hive);

    [Fact]
    public async Task Full_inbox_refuses_with_retry_after_and_accepts_again_once_the_receiver_acks()
    {
        var sender = await _kit.AgentAsync("sender");
        var receiver = await _kit.AgentAsync("receiver");
        await _kit.SendNotesAsync(sender, receiver, Capacity);
        var appended = hive.Messages.Appended;

        var full = await Assert.ThrowsAsync<HiveException>(() => _kit.Hive.Messages.SendAsync(MessagingKit.Note(sender, receiver)));

        Assert.Equal(HiveErrorCodes.InboxFull, full.Code);
        Assert.Equal(GrainKeys.Inbox(receiver), full.Entity);
        Assert.True(full.RetryAfter > TimeSpan.Zero, "a full inbox must say when to retry");
        Assert.Contains("ack", full.Message, StringComparison.Ordinal);
        Assert.True(HiveErrorCodes.IsTransient(full.Code));
        Assert.Equal(appended, hive.Messages.Appended);
        Assert.Equal(Capacity, await hive.Messages.LastSequenceAsync(receiver));
        Assert.Equal(new InboxSize(Capacity, Capacity, LastSequence: Capacity), await _kit.Hive.Messages.InboxSizeAsync(receiver));

        var handled = await _kit.Hive.Messages.ReceiveAsync(receiver, maxMessages: 5);
        await _kit.Hive.Messages.AckAsync(receiver, MessagingKit.Sequences(handled));

        Assert.Equal(Capacity + 1, await _kit.Hive.Messages.SendAsync(MessagingKit.Note(sender, receiver)));
        Assert.Equal(Capacity - 5 + 1, (await _kit.DrainAsync(receiver)).Count);
    }

    [Fact]
    public async Task Role_send_reaches_every_online_agent_of_the_role_and_reports_full_inboxes()
    {
        var role = HiveClusterFixture.NewId("role");
        var sender = await _kit.AgentAsync("sender");
        var first = await _kit.AgentAsync("member", role);
        var second = await _kit.AgentAsync("member", role, "other-role");
        var busy = await _kit.AgentAsync("member", role);
        var gone = await _kit.AgentAsync("member", role);
        var outsider = await _kit.AgentAsync("outsider");
        await _kit.Hive.Agents.DeregisterAsync(gone, "tester");
        await _kit.SendNotesAsync(sender, busy, Capacity);

        var receipt = await _kit.Hive.Messages.SendToRoleAsync(
            new MessageDraft(sender, "review", "Please review", "diff attached", ToRole: role, CorrelationId: "review-7"));

        Assert.Equal(new[] { first, second }.Order(StringComparer.Ordinal), receipt.Delivered.Select(d => d.AgentId));
        Assert.Equal(new[] { busy }, receipt.InboxFull);
        foreach (var delivery in receipt.Delivered)
        {
            var message = Assert.Single(await _kit.Hive.Messages.ReceiveAsync(delivery.AgentId));
            Assert.Equal((delivery.Sequence, sender, delivery.AgentId, "review", "review-7"),
                (message.Sequence, message.From, message.To, message.Kind, message.CorrelationId));
        }
        Assert.Equal(0, (await _kit.Hive.Messages.InboxSizeAsync(gone)).Pending);
        Assert.Equal(0, (await _kit.Hive.Messages.InboxSizeAsync(outsider)).Pending);
        Assert.Equal(Capacity, (await _kit.Hive.Messages.InboxSizeAsync(busy)).Pending);
        foreach (var agent in new[] { first, second, busy }) await _kit.DrainAsync(agent);
    }

    [Fact]
    public async Task Role_send_to_a_role_nobody_holds_delivers_nothing()
    {
        var sender = await _kit.AgentAsync("sender");
        var receipt = await _kit.Hive.Messages.SendToRoleAsync(
            new MessageDraft(sender, "notice", "anyone?", "", ToRole: HiveClusterFixture.NewId("empty-role")));
        Assert.Empty(receipt.Delivered);
        Assert.Empty(receipt.InboxFull);
    }
}
