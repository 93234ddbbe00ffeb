namespace Hive.Tests.Cluster;

/// <summary>What every messaging test needs: registered agents with fresh ids, drafts, and reading an inbox dry.</summary>
internal sealed class MessagingKit(HiveClusterFixture hive)
{
    public HiveClient Hive => hive.Hive;

    /// <summary>Registers an agent with a fresh id and the given roles (a throwaway role when none).</summary>
    public async Task<string> AgentAsync(string prefix = "agent", params string[] roles)
    {
        var id = HiveClusterFixture.NewId(prefix);
        await Hive.Agents.RegisterAsync(new AgentSpec(id, "Agent " + id, roles.Length > 0 ? roles : ["messaging-test"]));
        return id;
    }

    public static MessageDraft Note(string from, string to, string subject = "hello", string body = "body") =>
        new(from, "notice", subject, body, To: to);

    /// <summary>Sends <paramref name="count"/> notes numbered from 0 in the subject, one after another.</summary>
    public async Task<long[]> SendNotesAsync(string from, string to, int count)
    {
        var sequences = new long[count];
        for (var n = 0; n < count; n++) sequences[n] = await Hive.Messages.SendAsync(Note(from, to, subject: $"note {n}"));
        return sequences;
    }

    /// <summary>Receives every pending message without waiting and acks them all, so the inbox ends empty.</summary>
    public async Task<IReadOnlyList<Message>> DrainAsync(string agentId)
    {
        var all = new List<Message>();
        while (await Hive.Messages.ReceiveAsync(agentId, MessageLimits.MaxReceiveBatch) is { Count: > 0 } batch)
        {
            all.AddRange(batch);
            await Hive.Messages.AckAsync(agentId, batch.Select(m => m.Sequence));
        }
        return all;
    }

    /// <summary>No message was stored anywhere since <paramref name="appendedBefore"/> was read, and <paramref name="receiver"/>'s inbox is still empty.</summary>
    public async Task AssertNothingStoredAsync(long appendedBefore, string receiver)
    {
        Assert.Equal(appendedBefore, hive.Messages.Appended);
        Assert.Equal(0, (await Hive.Messages.InboxSizeAsync(receiver)).Pending);
    }

    public static long[] Sequences(IEnumerable<Message> messages) => messages.Select(m => m.Sequence).ToArray();
}
