namespace Hive.Tests.Cluster;

/// <summary>Bad input through the client is refused with <c>validation</c> before any agent or inbox is touched.</summary>
[Trait("Category", "Cluster")]
[Collection(HiveClusterCollection.Name)]
public sealed class MessagingValidationTests(HiveClusterFixture hive)
{
    private readonly MessagingKit _kit = new(hive);

    [Fact]
    public async Task Invalid_drafts_are_rejected_and_store_nothing()
    {
        var sender = await _kit.AgentAsync("sender");
        var receiver = await _kit.AgentAsync("receiver");
        var valid = MessagingKit.Note(sender, receiver);
        MessageDraft[] invalid =
        [
            valid with { From = "not an id" },
            valid with { To = "-leading-dash" },
            valid with { Kind = "" },
            valid with { ToRole = "reviewers" },
            valid with { To = null },
            valid with { Subject = " " },
            valid with { Subject = new string('s', MessageLimits.MaxSubjectLength + 1) },
            valid with { Body = new string('b', MessageLimits.MaxBodyBytes + 1) },
            valid with { CorrelationId = "has space" },
        ];
        var appended = hive.Messages.Appended;

        foreach (var draft in invalid)
        {
            var e = await Assert.ThrowsAsync<HiveException>(() => _kit.Hive.Messages.SendAsync(draft));
            Assert.Equal(HiveErrorCodes.Validation, e.Code);
        }

        await _kit.AssertNothingStoredAsync(appended, receiver);
    }

    [Fact]
    public async Task Validation_comes_before_the_agent_check()
    {
        var e = await Assert.ThrowsAsync<HiveException>(() =>
            _kit.Hive.Messages.SendAsync(MessagingKit.Note("ghost-a", "ghost-b", subject: "")));
        Assert.Equal(HiveErrorCodes.Validation, e.Code);
    }

    [Fact]
    public async Task A_draft_must_use_the_send_that_matches_its_recipient()
    {
        var sender = await _kit.AgentAsync("sender");
        var toAgent = MessagingKit.Note(sender, sender);
        var toRole = toAgent with { To = null, ToRole = "messaging-test" };

        var roleViaSend = await Assert.ThrowsAsync<HiveException>(() => _kit.Hive.Messages.SendAsync(toRole));
        var agentViaRole = await Assert.ThrowsAsync<HiveException>(() => _kit.Hive.Messages.SendToRoleAsync(toAgent));

        Assert.Equal(HiveErrorCodes.Validation, roleViaSend.Code);
        Assert.Equal(HiveErrorCodes.Validation, agentViaRole.Code);
        Assert.Equal(0, (await _kit.Hive.Messages.InboxSizeAsync(sender)).Pending);
    }

    [Fact]
    public async Task Receive_and_ack_reject_bad_arguments()
    {
        var agent = await _kit.AgentAsync("receiver");
        Task[] calls =
        [
            _kit.Hive.Messages.ReceiveAsync(agent, maxMessages: 0),
            _kit.Hive.Messages.ReceiveAsync(agent, maxMessages: MessageLimits.MaxReceiveBatch + 1),
            _kit.Hive.Messages.ReceiveAsync(agent, wait: TimeSpan.FromSeconds(-1)),
            _kit.Hive.Messages.AckAsync(agent, new long[MessageLimits.MaxAckBatch + 1]),
        ];
        foreach (var call in calls)
            Assert.Equal(HiveErrorCodes.Validation, (await Assert.ThrowsAsync<HiveException>(() => call)).Code);
        var badId = await Assert.ThrowsAsync<HiveException>(async () => await _kit.Hive.Messages.InboxSizeAsync("no such id!"));
        Assert.Equal(HiveErrorCodes.Validation, badId.Code);
    }
}
