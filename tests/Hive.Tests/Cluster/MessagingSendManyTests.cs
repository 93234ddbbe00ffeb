namespace Hive.Tests.Cluster;

/// <summary>SendMany: one call, one stored write per recipient, the drafts' order kept, and all-or-nothing on bad input.</summary>
[Trait("Category", "Cluster")]
[Collection(HiveClusterCollection.Name)]
public sealed class MessagingSendManyTests(HiveClusterFixture hive)
{
    private const int Capacity = HiveClusterFixture.InboxCapacity;
    private readonly MessagingKit _kit = new(hive);

    [Fact]
    public async Task Drafts_to_several_recipients_arrive_in_order_with_consecutive_sequences_one_write_per_recipient()
    {
        var sender = await _kit.AgentAsync("sender");
        var first = await _kit.AgentAsync("first");
        var second = await _kit.AgentAsync("second");
        await _kit.Hive.Messages.SendAsync(MessagingKit.Note(sender, first, subject: "before"));
        var appends = hive.Messages.Appends;

        var sequences = await _kit.Hive.Messages.SendManyAsync([
            MessagingKit.Note(sender, first, subject: "a"),
            MessagingKit.Note(sender, second, subject: "x"),
            MessagingKit.Note(sender, first, subject: "b"),
            MessagingKit.Note(sender, first, subject: "c"),
        ]);

        Assert.Equal(new long?[] { 2, 1, 3, 4 }, sequences);
        Assert.Equal(appends + 2, hive.Messages.Appends);
        Assert.Equal(["before", "a", "b", "c"], (await _kit.DrainAsync(first)).Select(m => m.Subject));
        Assert.Equal(["x"], (await _kit.DrainAsync(second)).Select(m => m.Subject));
    }

    [Fact]
    public async Task A_recipient_without_room_for_its_drafts_gets_none_and_the_others_get_theirs()
    {
        var sender = await _kit.AgentAsync("sender");
        var busy = await _kit.AgentAsync("busy");
        var idle = await _kit.AgentAsync("idle");
        await _kit.SendNotesAsync(sender, busy, Capacity - 1);

        var sequences = await _kit.Hive.Messages.SendManyAsync([
            MessagingKit.Note(sender, busy, subject: "fits alone"),
            MessagingKit.Note(sender, idle, subject: "delivered"),
            MessagingKit.Note(sender, busy, subject: "one too many"),
        ]);

        Assert.Equal(new long?[] { null, 1, null }, sequences);
        Assert.Equal(new InboxSize(Capacity - 1, Capacity, LastSequence: Capacity - 1), await _kit.Hive.Messages.InboxSizeAsync(busy));
        Assert.Equal(["delivered"], (await _kit.DrainAsync(idle)).Select(m => m.Subject));
    }

    [Fact]
    public async Task One_invalid_draft_is_named_by_its_index_and_nothing_is_sent()
    {
        var sender = await _kit.AgentAsync("sender");
        var receiver = await _kit.AgentAsync("receiver");
        var appended = hive.Messages.Appended;

        var error = await Assert.ThrowsAsync<HiveException>(() => _kit.Hive.Messages.SendManyAsync([
            MessagingKit.Note(sender, receiver),
            MessagingKit.Note(sender, receiver, subject: " "),
        ]));

        Assert.Equal(HiveErrorCodes.Validation, error.Code);
        Assert.StartsWith("Draft 1: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("subject", error.Message, StringComparison.Ordinal);
        await _kit.AssertNothingStoredAsync(appended, receiver);
    }

    [Fact]
    public async Task An_unknown_recipient_or_a_role_draft_sends_nothing_to_anyone()
    {
        var sender = await _kit.AgentAsync("sender");
        var receiver = await _kit.AgentAsync("receiver");
        var appended = hive.Messages.Appended;

        var unknown = await Assert.ThrowsAsync<HiveException>(() => _kit.Hive.Messages.SendManyAsync([
            MessagingKit.Note(sender, receiver), MessagingKit.Note(sender, "never-registered-" + Guid.NewGuid().ToString("N")[..6])]));
        var role = await Assert.ThrowsAsync<HiveException>(() => _kit.Hive.Messages.SendManyAsync([
            MessagingKit.Note(sender, receiver), new MessageDraft(sender, "notice", "all", "body", ToRole: "messaging-test")]));

        Assert.Equal((HiveErrorCodes.NotFound, HiveErrorCodes.Validation), (unknown.Code, role.Code));
        Assert.Contains("SendToRole", role.Message, StringComparison.Ordinal);
        await _kit.AssertNothingStoredAsync(appended, receiver);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(MessageLimits.MaxSendBatch + 1)]
    public async Task Empty_and_oversized_batches_are_refused(int count)
    {
        var sender = await _kit.AgentAsync("sender");

        var error = await Assert.ThrowsAsync<HiveException>(() =>
            _kit.Hive.Messages.SendManyAsync(Enumerable.Repeat(MessagingKit.Note(sender, sender), count)));

        Assert.Equal(HiveErrorCodes.Validation, error.Code);
        Assert.Contains($"1–{MessageLimits.MaxSendBatch}", error.Message, StringComparison.Ordinal);
    }
}
