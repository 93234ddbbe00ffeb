namespace Hive.Tests.Cluster;

/// <summary>Who a message may be sent to: a registered agent that has not gone offline.</summary>
public abstract class MessagingRecipientTests(HiveClusterFixture hive)
{
    private const string Operator = "ops-alice";
    private readonly MessagingKit _kit = new(hive);

    [Fact]
    public async Task Send_to_an_offline_agent_is_not_found_and_stores_nothing()
    {
        var sender = await _kit.AgentAsync("sender");
        var online = await _kit.AgentAsync("online");
        var gone = await _kit.AgentAsync("gone");
        await _kit.Hive.Messages.SendAsync(MessagingKit.Note(sender, gone, subject: "before it left"));
        await _kit.DrainAsync(gone);
        Assert.Equal(AgentStatus.Offline, (await _kit.Hive.Agents.DeregisterAsync(gone, Operator)).Status);

        var single = await Assert.ThrowsAsync<HiveException>(() => _kit.Hive.Messages.SendAsync(MessagingKit.Note(sender, gone)));
        var batch = await Assert.ThrowsAsync<HiveException>(() =>
            _kit.Hive.Messages.SendManyAsync([MessagingKit.Note(sender, online), MessagingKit.Note(sender, gone)]));

        foreach (var refused in new[] { single, batch })
        {
            Assert.Equal((HiveErrorCodes.NotFound, "agent/" + gone), (refused.Code, refused.Entity));
            Assert.Contains("offline", refused.Message, StringComparison.Ordinal);
        }
        await AssertStoredAsync(gone, lastSequence: 1);
        await AssertStoredAsync(online, lastSequence: 0);
    }

    [Fact]
    public async Task An_offline_agent_that_registers_again_gets_messages_again()
    {
        var sender = await _kit.AgentAsync("sender");
        var returning = await _kit.AgentAsync("returning");
        await _kit.Hive.Agents.DeregisterAsync(returning, Operator);
        await Assert.ThrowsAsync<HiveException>(() => _kit.Hive.Messages.SendAsync(MessagingKit.Note(sender, returning)));

        await _kit.Hive.Agents.RegisterAsync(new AgentSpec(returning, "Agent " + returning, ["messaging-test"]));

        Assert.Equal(1, await _kit.Hive.Messages.SendAsync(MessagingKit.Note(sender, returning, subject: "welcome back")));
        Assert.Equal("welcome back", Assert.Single(await _kit.DrainAsync(returning)).Subject);
    }

    [Fact]
    public async Task Send_to_an_unknown_agent_is_not_found_and_stores_nothing()
    {
        var sender = await _kit.AgentAsync("sender");
        var ghost = HiveClusterFixture.NewId("ghost");

        var single = await Assert.ThrowsAsync<HiveException>(() => _kit.Hive.Messages.SendAsync(MessagingKit.Note(sender, ghost)));
        var batch = await Assert.ThrowsAsync<HiveException>(() =>
            _kit.Hive.Messages.SendManyAsync([MessagingKit.Note(sender, sender), MessagingKit.Note(sender, ghost)]));

        Assert.Equal((HiveErrorCodes.NotFound, HiveErrorCodes.NotFound), (single.Code, batch.Code));
        await AssertStoredAsync(ghost, lastSequence: 0);
        await AssertStoredAsync(sender, lastSequence: 0);
    }

    [Fact]
    public async Task Suspended_draining_and_unresponsive_agents_still_get_messages()
    {
        var sender = await _kit.AgentAsync("sender");
        var suspended = await _kit.Hive.ReadyAgentAsync("messaging-test");
        await _kit.Hive.Agents.SuspendAsync(suspended, Operator, "maintenance");
        var task = await _kit.Hive.CreateForRoleAsync(TaskSteps.NewRole());
        var draining = await _kit.Hive.StartedByNewAgentAsync(task.Id);
        var drained = await _kit.Hive.Agents.DeregisterAsync(draining, Operator);
        Assert.Equal((AgentStatus.Busy, true), (drained.Status, drained.Draining));
        var silent = await _kit.Hive.ReadyAgentAsync("messaging-test");
        hive.Advance(HiveClusterFixture.HeartbeatDeadline + HiveClusterFixture.HeartbeatInterval);
        await HiveClusterFixture.Eventually(async () => (await _kit.Hive.Agents.GetAsync(silent)).Status == AgentStatus.Unresponsive,
            $"agent {silent} is unresponsive");

        foreach (var recipient in new[] { suspended, draining, silent })
        {
            await _kit.Hive.Messages.SendAsync(MessagingKit.Note(sender, recipient, subject: "still there?"));
            Assert.Contains(await _kit.DrainAsync(recipient), m => m.Subject == "still there?");
        }
    }

    /// <summary>The store (in memory or PostgreSQL) holds nothing pending for the agent and has handed out exactly this many sequences.</summary>
    private async Task AssertStoredAsync(string agentId, long lastSequence)
    {
        Assert.Empty(await hive.MessageStore.PendingAsync(agentId, 10));
        Assert.Equal(lastSequence, await hive.MessageStore.LastSequenceAsync(agentId));
    }
}

[Trait("Category", "Cluster")]
[Collection(HiveClusterCollection.Name)]
public sealed class MessagingRecipientTestsInMemory(HiveClusterFixture hive) : MessagingRecipientTests(hive);
