using System.Text.Json;
using Hive.Catalog;
using Hive.Diagnostics;
using Microsoft.Extensions.Hosting;

namespace Hive.Tests.Security;

/// <summary>
/// Integration (real PostgreSQL and Redis): one silo process in durable mode with authentication on (the key folder
/// of <see cref="ProcessKeys"/>, the documented refresh interval), and a raw Orleans client pinned to its gateway, so
/// the credential filter, the wire and the credential transport are the real ones. Two sets of real entities are made
/// with a legitimate credential: <see cref="Targets"/>, which hostile calls aim at and must leave unchanged, and
/// <see cref="Control"/>, which legitimate calls may change. Credentials for every way of being refused are ready.
/// </summary>
public sealed class HostileSiloFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartWithin = TimeSpan.FromMinutes(2);
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };
    private TestDatabase? _database;
    private IHost? _client;

    /// <summary>The documented default, <c>Hive:Security:RefreshInterval</c>.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(2);

    /// <summary>An operator holding every scope: the legitimate caller.</summary>
    public static readonly string Root = Operator("root", Scopes.All);

    /// <summary>Root's grant, but expired an hour ago.</summary>
    public static readonly string Expired = SecureHiveFixture.Token(
        new TokenGrant(PrincipalKind.Operator, "root", TimeSpan.FromMinutes(1), Scopes: Scopes.All), DateTimeOffset.UtcNow.AddHours(-1));

    /// <summary>Root's grant in a credential of its own, revoked through the hive while the fixture starts.</summary>
    public static readonly string Revoked = Operator("root", Scopes.All);

    /// <summary>Root's grant signed with a key the hive does not hold.</summary>
    public static readonly string UnknownKey = HiveTokens.Issue(new TokenGrant(PrincipalKind.Operator, "root", TimeSpan.FromHours(2), Scopes: Scopes.All),
        SigningKeyLoader.Parse("stranger-key", SigningAlgorithms.Hs256, SigningKeyLoader.NewSecret(), "test", [])!, DateTimeOffset.UtcNow);

    /// <summary>Root's grant under the hive's own key id, but signed with another secret: a forged signature.</summary>
    public static readonly string ForgedSignature = HiveTokens.Issue(new TokenGrant(PrincipalKind.Operator, "root", TimeSpan.FromHours(2), Scopes: Scopes.All),
        SigningKeyLoader.Parse(SecureHiveFixture.KeyId, SigningAlgorithms.Hs256, SigningKeyLoader.NewSecret(), "test", [])!, DateTimeOffset.UtcNow);

    public SiloProcess Silo { get; private set; } = null!;

    public IClusterClient Grains { get; private set; } = null!;

    public HostileTargets Targets { get; private set; } = null!;

    public HostileTargets Control { get; private set; } = null!;

    public static string Operator(string name, IEnumerable<string> scopes) =>
        SecureHiveFixture.Token(new TokenGrant(PrincipalKind.Operator, name, TimeSpan.FromHours(2), Scopes: scopes.ToArray()));

    public static string Agent(string id, params string[] roles) =>
        SecureHiveFixture.Token(new TokenGrant(PrincipalKind.Agent, id, TimeSpan.FromHours(2), Roles: roles));

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        var cluster = DurableSilo.NewClusterId("hostile");
        var environment = DurableSilo.Environment(_database.ConnectionString, cluster);
        environment["Hive__Security__RefreshInterval"] = RefreshInterval.ToString();
        // The snapshot must not move by itself while a test looks: no load shedding from this busy machine's own signals,
        // target agents stay ready for the whole run, and the caller that reads snapshots is never rate-limited.
        environment["Hive__Health__ReportSiloSignals"] = "false";
        foreach (var level in new[] { "Reduced", "Essential", "Emergency" })
            environment[$"Hive__Health__UnresponsiveAgentShare__{level}"] = "2";
        environment["Hive__Timing__HeartbeatInterval"] = "00:30:00";
        foreach (var kind in Enum.GetNames<OperationKind>())
        {
            environment[$"Hive__RateLimits__Buckets__{kind}__PermitsPerSecond"] = "1000000";
            environment[$"Hive__RateLimits__Buckets__{kind}__Burst"] = "10000000";
        }
        Silo = SiloProcess.Start([], environment);
        await Silo.WaitForOutputAsync("Hive is running", StartWithin);
        await Silo.WaitForOutputAsync("State is durable", TimeSpan.FromSeconds(30));

        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddHiveClient(o =>
        {
            o.Gateways.Add($"127.0.0.1:{Silo.GatewayPort}");
            o.ClusterId = cluster;
            o.ServiceId = cluster;
            o.Token = Root;
        });
        _client = builder.Build();
        await _client.StartAsync();
        Grains = _client.Services.GetRequiredService<IClusterClient>();

        Targets = await HostileTargets.CreateAsync(this, "t");
        Control = await HostileTargets.CreateAsync(this, "c");

        var revoked = HiveTokens.ReadUnverified(Revoked);
        await As(Revoked, g => g.GetGrain<IPingGrain>(0).Ping());
        await As(Root, g => g.GetGrain<ITokenRevocationGrain>(0).Revoke(revoked.TokenId, revoked.ExpiresAt, "operator:root"));
        await Cluster.HiveClusterFixture.Eventually(async () =>
        {
            try
            {
                await As(Revoked, g => g.GetGrain<IPingGrain>(0).Ping());
                return false;
            }
            catch (HiveException e) when (e.Code == HiveErrorCodes.Unauthenticated)
            {
                return true;
            }
        }, "the revoked credential is refused", within: RefreshInterval + TimeSpan.FromSeconds(10));
    }

    /// <summary>Makes raw grain calls carrying <paramref name="token"/> (none when null) on the request context, as Hive.Client does.</summary>
    public async Task<T> As<T>(string? token, Func<IGrainFactory, Task<T>> call)
    {
        if (token is null) RequestContext.Remove(HiveRequestContext.CredentialKey);
        else RequestContext.Set(HiveRequestContext.CredentialKey, token);
        try
        {
            return await call(Grains);
        }
        finally
        {
            RequestContext.Remove(HiveRequestContext.CredentialKey);
        }
    }

    public Task As(string? token, Func<IGrainFactory, Task> call) => As(token, async g =>
    {
        await call(g);
        return true;
    });

    /// <summary>
    /// What a hostile call could change, read with the legitimate credential: the newest audit events (every accepted
    /// change writes one), the full state of each entity in <paramref name="targets"/>, both inboxes, the health switch,
    /// and the catalog's listings (a created entity appears there). One line per part, so a difference names it.
    /// </summary>
    public Task<IReadOnlyList<string>> SnapshotAsync(HostileTargets targets) => As<IReadOnlyList<string>>(Root, async g =>
    {
        var query = g.GetGrain<IHiveQueryGrain>(0);
        var audit = await query.ReadAudit(new AuditQuery(PageSize: 50));
        var health = await g.GetGrain<IHiveHealthGrain>(0).GetStatus();
        var agents = await query.ListAgents(new AgentQuery(PageSize: Limits.MaxPageSize));
        var tasks = await query.ListTasks(new TaskQuery(PageSize: Limits.MaxPageSize));
        var escalations = await query.ListEscalations(new EscalationQuery(PageSize: Limits.MaxPageSize));
        var keys = await query.ListMemoryKeys(new MemoryKeyQuery(targets.Namespace, targets.Channel, Limits.MaxPageSize));
        var namespaces = await query.ListMemoryNamespaces(new MemoryNamespaceQuery(Limits.MaxPageSize));
        return
        [
            "audit: " + string.Join(" | ", audit.Items.Select(e => $"{e.At:O} {e.Entity} {e.Action} by {e.Actor} ({e.Principal}): {e.Details}")),
            "victim: " + JsonSerializer.Serialize(await g.GetGrain<IAgentGrain>(GrainKeys.Agent(targets.Victim)).Get(), Json),
            "intruder: " + JsonSerializer.Serialize(await g.GetGrain<IAgentGrain>(GrainKeys.Agent(targets.Intruder)).Get(), Json),
            "held task: " + JsonSerializer.Serialize(await g.GetGrain<ITaskGrain>(GrainKeys.Task(targets.HeldTask)).Get(), Json),
            "ready task: " + JsonSerializer.Serialize(await g.GetGrain<ITaskGrain>(GrainKeys.Task(targets.ReadyTask)).Get(), Json),
            "escalation: " + JsonSerializer.Serialize(await g.GetGrain<IEscalationGrain>(GrainKeys.Escalation(targets.Escalation)).Get(), Json),
            "memory: " + JsonSerializer.Serialize(await g.GetGrain<IMemoryKeyGrain>(targets.MemoryKey).Get(), Json),
            "victim inbox: " + JsonSerializer.Serialize(await g.GetGrain<IInboxGrain>(GrainKeys.Inbox(targets.Victim)).Size(), Json),
            "intruder inbox: " + JsonSerializer.Serialize(await g.GetGrain<IInboxGrain>(GrainKeys.Inbox(targets.Intruder)).Size(), Json),
            $"health: {health.Level} pinned {health.PinnedLevel} by {health.PinnedBy}, halted {health.Halted} by {health.HaltedBy}",
            "agents: " + string.Join(", ", agents.Items.Select(a => $"{a.Id} {a.Status} {a.UpdatedAt:O}")),
            "tasks: " + string.Join(", ", tasks.Items.Select(t => $"{t.Id} {t.Status} {t.AssignedAgent} {t.UpdatedAt:O}")),
            "escalations: " + string.Join(", ", escalations.Items.Select(e => $"{e.Id} {e.Status} {e.UpdatedAt:O}")),
            "memory keys: " + string.Join(", ", keys.Items.Select(k => JsonSerializer.Serialize(k, Json))),
            "namespaces: " + string.Join(", ", namespaces.Items),
        ];
    });

    /// <summary>Lifts a halt or a pin a legitimate control call left behind.</summary>
    public Task SettleHealthAsync() => As(Root, async g =>
    {
        var health = g.GetGrain<IHiveHealthGrain>(0);
        var status = await health.GetStatus();
        if (status.Halted) await health.Resume("operator:root");
        if (status.PinnedLevel is not null) await health.Unpin("operator:root");
    });

    public async Task DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.StopAsync();
            _client.Dispose();
        }
        if (Silo is not null) await Silo.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
    }
}

/// <summary>
/// Real entities a hostile call aims at, made with the legitimate credential: a victim agent holding a task in
/// progress, an intruder agent of the same role (it also holds the reviewer role), a ready task, an open escalation,
/// a memory key, and a message from the intruder in the victim's inbox.
/// </summary>
public sealed record HostileTargets(string Tag, string Victim, string Intruder, string Role, string Reviewer, string HeldTask, string ReadyTask,
    string Escalation, string Namespace, string Channel, string Key)
{
    public string MemoryKey => GrainKeys.MemoryKey(Namespace, Channel, Key);

    public static async Task<HostileTargets> CreateAsync(HostileSiloFixture hive, string tag)
    {
        var t = new HostileTargets(tag, $"victim-{tag}", $"intruder-{tag}", $"builder-{tag}", $"reviewer-{tag}", $"held-{tag}", $"ready-{tag}",
            $"esc-{tag}", "hostile", $"ch-{tag}", "plan");
        await hive.As(HostileSiloFixture.Root, async g =>
        {
            var victim = g.GetGrain<IAgentGrain>(GrainKeys.Agent(t.Victim));
            var intruder = g.GetGrain<IAgentGrain>(GrainKeys.Agent(t.Intruder));
            await victim.Register(new AgentSpec(t.Victim, "Victim", [t.Role]));
            await intruder.Register(new AgentSpec(t.Intruder, "Intruder", [t.Role, t.Reviewer]));
            await victim.Heartbeat(0.1);
            await intruder.Heartbeat(0.1);
            await g.GetGrain<ITaskGrain>(GrainKeys.Task(t.HeldTask)).Create(
                new TaskSpec(t.HeldTask, "Held by the victim", "work", PrimaryRole: t.Role, RequiredApprovals: [t.Reviewer]), "operator:root");
            await victim.Claim(t.HeldTask);
            await g.GetGrain<ITaskGrain>(GrainKeys.Task(t.HeldTask)).Start(t.Victim);
            await g.GetGrain<ITaskGrain>(GrainKeys.Task(t.ReadyTask)).Create(new TaskSpec(t.ReadyTask, "Ready", "work", PrimaryRole: t.Role), "operator:root");
            await g.GetGrain<IEscalationGrain>(GrainKeys.Escalation(t.Escalation)).Raise(
                new EscalationSpec(t.Escalation, Severity.Low, "Target escalation", "Raised for the hostile-client suite"), "operator:root");
            await g.GetGrain<IMemoryKeyGrain>(t.MemoryKey).Put("{\"plan\":1}", "operator:root", null, null);
            await g.GetGrain<IMessengerGrain>(0).Send(new MessageDraft(t.Intruder, "note", "hello", "a message to ack", To: t.Victim));
        });
        return t;
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HostileSiloCollection : ICollectionFixture<HostileSiloFixture>
{
    public const string Name = "hostile-silo";
}
