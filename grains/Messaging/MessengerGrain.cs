using Hive.Agents;
using Hive.Ports;

namespace Hive.Messaging;

/// <summary>
/// Checks a send and hands it to the recipients' inboxes. Stateless, so every silo routes its own callers' sends;
/// the inboxes alone order and store messages. Role recipients come from the catalog, page by page; a recipient named
/// by id must be registered and not offline. Reentrant:
/// it keeps no state between calls, and a send spends its time waiting on the inbox's durable append, so one
/// activation per core can keep many sends in flight instead of one.
/// </summary>
[StatelessWorker, Reentrant]
public sealed class MessengerGrain(IEntityCatalog catalog, HiveClock clock) : Grain, IMessengerGrain
{
    public async Task<long> Send(MessageDraft draft)
    {
        var valid = MessageRules.Validate(draft);
        if (valid.To is null)
            throw HiveException.Validation($"This draft is for role '{valid.ToRole}'; send it to the role, which reports each recipient.");
        await Task.WhenAll(RequireAgent(valid.From, "Sender"), RequireRecipient(valid.To));
        return await Inbox(valid.To).Deliver(MessageRules.ToMessage(valid, valid.To, clock.Now));
    }

    public async Task<SendReceipt> SendToRole(MessageDraft draft)
    {
        var valid = MessageRules.Validate(draft);
        if (valid.ToRole is null)
            throw HiveException.Validation($"This draft is for agent '{valid.To}'; send it to the agent, not to a role.");
        await RequireAgent(valid.From, "Sender");
        var sentAt = clock.Now;
        var delivered = new List<Delivery>();
        var full = new List<string>();
        string? after = null;
        while (true)
        {
            var rows = await catalog.QueryAsync(new CatalogQuery(EntityKind.Agent, Tag: valid.ToRole,
                PageSize: Limits.MaxPageSize, AfterId: after));
            var recipients = rows.Where(r => r.Status != nameof(AgentStatus.Offline)).Select(r => r.Id).ToArray();
            var sequences = await Task.WhenAll(recipients.Select(id => TryDeliver(valid, id, sentAt)));
            for (var i = 0; i < recipients.Length; i++)
            {
                if (sequences[i] is { } sequence) delivered.Add(new Delivery(recipients[i], sequence));
                else full.Add(recipients[i]);
            }
            if (rows.Count < Limits.MaxPageSize) break;
            after = rows[^1].Id;
        }
        return new SendReceipt(delivered, full);
    }

    public async Task<IReadOnlyList<long?>> SendMany(IReadOnlyList<MessageDraft> drafts)
    {
        if (drafts is null || drafts.Count is 0 or > MessageLimits.MaxSendBatch)
            throw HiveException.Validation($"SendMany takes 1–{MessageLimits.MaxSendBatch} drafts; got {drafts?.Count ?? 0}.");
        var valid = drafts.Select(ValidateDirect).ToArray();
        var recipients = valid.Select(d => d.To!).ToHashSet(StringComparer.Ordinal);
        var senders = valid.Select(d => d.From).Where(id => !recipients.Contains(id)).Distinct(StringComparer.Ordinal);
        await Task.WhenAll(recipients.Select(RequireRecipient).Concat(senders.Select(id => RequireAgent(id, "Sender"))));
        var sentAt = clock.Now;
        var sequences = new long?[valid.Length];
        await Task.WhenAll(Enumerable.Range(0, valid.Length).GroupBy(i => valid[i].To!, StringComparer.Ordinal).Select(async recipient =>
        {
            var indexes = recipient.ToArray();
            try
            {
                var delivered = await Inbox(recipient.Key).DeliverMany(indexes.Select(i => MessageRules.ToMessage(valid[i], recipient.Key, sentAt)).ToArray());
                for (var n = 0; n < indexes.Length; n++) sequences[indexes[n]] = delivered[n];
            }
            catch (HiveException e) when (e.Code == HiveErrorCodes.InboxFull)
            {
                // Reported as nulls: the other recipients' messages are delivered all the same.
            }
        }));
        return sequences;
    }

    /// <summary>A draft of a batch, checked like a single send; the error names its place in the batch.</summary>
    private static MessageDraft ValidateDirect(MessageDraft draft, int index)
    {
        try
        {
            var valid = MessageRules.Validate(draft);
            if (valid.To is null)
                throw HiveException.Validation($"This draft is for role '{valid.ToRole}'; SendMany takes drafts to agents, send to a role with SendToRole.");
            return valid;
        }
        catch (HiveException e) when (e.Code == HiveErrorCodes.Validation)
        {
            throw HiveException.Validation($"Draft {index}: {e.Message} Nothing was sent.");
        }
    }

    /// <summary>The sequence, or null when the recipient's inbox is full. Other failures fail the whole send.</summary>
    private async Task<long?> TryDeliver(MessageDraft valid, string agentId, DateTimeOffset sentAt)
    {
        try
        {
            return await Inbox(agentId).Deliver(MessageRules.ToMessage(valid, agentId, sentAt));
        }
        catch (HiveException e) when (e.Code == HiveErrorCodes.InboxFull)
        {
            return null;
        }
    }

    /// <summary>
    /// An offline agent has left the fleet: what it got would wait unread until it registers again, if it ever does, so
    /// it is refused like an unknown one. Draining, unresponsive and suspended agents are still part of the fleet (finishing
    /// a task, missing heartbeats, out of rotation) and will read their inbox, so they get messages.
    /// </summary>
    private async Task RequireRecipient(string agentId)
    {
        var agent = await RequireAgent(agentId, "Recipient");
        if (agent.Status == AgentStatus.Offline)
        {
            throw new HiveException(HiveErrorCodes.NotFound,
                $"Recipient agent '{agentId}' is offline, so nothing was sent. It gets messages again once it registers.", "agent/" + agentId);
        }
    }

    private async Task<AgentInfo> RequireAgent(string agentId, string who)
    {
        try
        {
            return await GrainFactory.GetGrain<IAgentGrain>(GrainKeys.Agent(agentId)).Get();
        }
        catch (HiveException e) when (e.Code == HiveErrorCodes.NotFound)
        {
            throw new HiveException(HiveErrorCodes.NotFound,
                $"{who} agent '{agentId}' is not registered, so nothing was sent. Register the agent first.", "agent/" + agentId);
        }
    }

    private IInboxDeliveryGrain Inbox(string agentId) => GrainFactory.GetGrain<IInboxDeliveryGrain>(GrainKeys.Inbox(agentId));
}
