namespace Hive.Tests.Security;

/// <summary>
/// A hive that authenticates every client call (the product default) with a test HS256 key, re-reading its
/// revocation list every <see cref="RefreshInterval"/>. Tests make callers with <see cref="As"/>; the fixture's
/// own <see cref="HiveClusterFixture.Hive"/> carries no credential, so every call it makes is refused.
/// </summary>
public class SecureHiveFixture : Cluster.HiveClusterFixture
{
    public const string KeyId = "test-key";
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(100);
    public static readonly string Secret = SigningKeyLoader.NewSecret();

    public SecureHiveFixture()
        : this(onPostgres: false)
    {
    }

    protected SecureHiveFixture(bool onPostgres)
        : base(onPostgres)
    {
    }

    public static SigningKey Key { get; } = SigningKeyLoader.Parse(KeyId, SigningAlgorithms.Hs256, Secret, "test", [])!;

    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings[$"{SecurityOptions.Section}:Mode"] = nameof(SecurityMode.Enforced);
        settings[$"{SecurityOptions.Section}:Keys:0:Id"] = KeyId;
        settings[$"{SecurityOptions.Section}:Keys:0:Algorithm"] = SigningAlgorithms.Hs256;
        settings[$"{SecurityOptions.Section}:Keys:0:Secret"] = Secret;
        settings[$"{SecurityOptions.Section}:RefreshInterval"] = RefreshInterval.ToString();
        return settings;
    }

    /// <summary>A credential signed with the hive's key.</summary>
    public static string Token(TokenGrant grant, DateTimeOffset? now = null) => HiveTokens.Issue(grant, Key, now ?? DateTimeOffset.UtcNow);

    public static string AgentToken(string agentId, params string[] roles) =>
        Token(new TokenGrant(PrincipalKind.Agent, agentId, TimeSpan.FromHours(1), Roles: roles));

    public static string ServiceToken(string name, string[] agents, params string[] roles) =>
        Token(new TokenGrant(PrincipalKind.Service, name, TimeSpan.FromHours(1), Agents: agents, Roles: roles));

    public static string OperatorToken(string name, params string[] scopes) =>
        Token(new TokenGrant(PrincipalKind.Operator, name, TimeSpan.FromHours(1), Scopes: scopes));

    /// <summary>Makes a raw grain call as a client would, carrying <paramref name="token"/> on the request context.</summary>
    public static async Task WithCredential(string token, Func<Task> call)
    {
        RequestContext.Set(HiveRequestContext.CredentialKey, token);
        try
        {
            await call();
        }
        finally
        {
            RequestContext.Remove(HiveRequestContext.CredentialKey);
        }
    }

    /// <summary>Registers <paramref name="agentId"/> with <paramref name="role"/> on its own credential and heartbeats it; returns its client.</summary>
    public async Task<HiveClient> ReadyAgentAsync(string agentId, string role)
    {
        var client = As(AgentToken(agentId, role));
        await client.Agents.RegisterAsync(new AgentSpec(agentId, agentId, [role]));
        await client.Agents.HeartbeatAsync(agentId, 0.1);
        return client;
    }

    /// <summary>A Hive.Client that sends <paramref name="token"/> (none when null) with every call.</summary>
    public HiveClient As(string? token) =>
        new(Cluster.Client, new HiveCalls("secure-test", new HiveResilienceOptions(), token is null ? HiveCredential.None : HiveCredential.Token(token)));
}

[CollectionDefinition(Name)]
public sealed class SecureHiveCollection : ICollectionFixture<SecureHiveFixture>
{
    public const string Name = "secure-hive";
}
