namespace Hive.Tests.Cluster;

/// <summary>What the escalation cluster tests share: fresh escalations and agents, reading audit, catalog and inboxes.</summary>
internal sealed class EscalationTestKit(HiveClusterFixture hive)
{
    public const string Actor = "tester";

    public HiveClient Hive => hive.Hive;
    public HiveEscalations Escalations => hive.Hive.Escalations;
    public DateTimeOffset Now => hive.Time.GetUtcNow();

    /// <summary>Long enough for the deadline timers and the sweeper to tick several times; only to show something did not happen.</summary>
    public static readonly TimeSpan SeveralTicks = HiveClusterFixture.TickInterval * 8;

    public static readonly IReadOnlyDictionary<Severity, TimeSpan> DefaultDeadline = new Dictionary<Severity, TimeSpan>
    {
        [Severity.Critical] = TimeSpan.FromMinutes(5),
        [Severity.High] = TimeSpan.FromMinutes(15),
        [Severity.Medium] = TimeSpan.FromHours(1),
        [Severity.Low] = TimeSpan.FromHours(4),
    };

    public static EscalationSpec Spec(string id, Severity severity, params string[] supporting) =>
        new(id, severity, "Checkout latency above SLO", "p99 latency of checkout is 4 s, the SLO is 800 ms.",
            SupportingAgents: supporting);

    /// <summary>Raises a minimal escalation with a fresh id (or the given one).</summary>
    public Task<EscalationInfo> RaiseAsync(Severity severity, string[]? supporting = null, string? id = null) =>
        Escalations.RaiseAsync(Spec(id ?? HiveClusterFixture.NewId("esc"), severity, supporting ?? []), Actor);

    /// <summary>The escalation, or null while it was never raised.</summary>
    public async Task<EscalationInfo?> TryGetAsync(string id)
    {
        try
        {
            return await Escalations.GetAsync(id);
        }
        catch (HiveException e) when (e.Code == HiveErrorCodes.NotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// Waits until the escalation exists, <paramref name="condition"/> holds, and that state is published; returns it.
    /// Get interleaves with a change in flight, so it can show a state before it is written; the catalog row (and the
    /// audit event with it) is recorded after the write, so its version catching up means the change is complete.
    /// </summary>
    public async Task<EscalationInfo> UntilAsync(string id, Func<EscalationInfo, bool> condition, string what)
    {
        EscalationInfo? seen = null;
        await HiveClusterFixture.Eventually(async () => (seen = await TryGetAsync(id)) is { } e && condition(e)
            && (await CatalogRowAsync(id))?.Version >= new CatalogVersion().For(e.Version), $"escalation {id} {what}");
        return seen!;
    }

    /// <summary>The escalation's audit trail, oldest first.</summary>
    public async Task<IReadOnlyList<AuditEvent>> AuditAsync(string id) =>
        (await Hive.Audit.QueryAsync(new AuditQuery(Entity: "escalation/" + id))).Items.Reverse().ToArray();

    /// <summary>The escalation's row in the in-memory catalog, read directly so the grain is not activated.</summary>
    public async Task<CatalogEntry?> CatalogRowAsync(string id) =>
        (await hive.Catalog.QueryAsync(new CatalogQuery(EntityKind.Escalation, PageSize: int.MaxValue))).SingleOrDefault(r => r.Id == id);

    /// <summary>Registers an agent with a fresh id and the given roles.</summary>
    public async Task<string> AgentAsync(string prefix = "agent", params string[] roles)
    {
        var id = HiveClusterFixture.NewId(prefix);
        await Hive.Agents.RegisterAsync(new AgentSpec(id, "Agent " + id, roles.Length > 0 ? roles : ["escalation-test"]));
        return id;
    }

    /// <summary>Receives every pending message of the agent without waiting and acks them, so its inbox ends empty.</summary>
    public async Task<IReadOnlyList<Message>> DrainAsync(string agentId)
    {
        var all = new List<Message>();
        while (await Hive.Messages.ReceiveAsync(agentId, 10, TimeSpan.Zero) is { Count: > 0 } batch)
        {
            all.AddRange(batch);
            await Hive.Messages.AckAsync(agentId, batch.Select(m => m.Sequence));
        }
        return all;
    }

    /// <summary>Waits until the agent's inbox holds <paramref name="count"/> messages, then drains it.</summary>
    public async Task<IReadOnlyList<Message>> ReceiveAllAsync(string agentId, int count)
    {
        await HiveClusterFixture.Eventually(async () => (await Hive.Messages.InboxSizeAsync(agentId)).Pending >= count,
            $"{agentId} has {count} message(s)");
        return await DrainAsync(agentId);
    }
}
