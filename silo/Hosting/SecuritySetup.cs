using Hive.Security;
using Microsoft.Extensions.Configuration.Memory;

namespace Hive.Silo.Hosting;

/// <summary>
/// Decides, before the host is built, how this silo authenticates. Configured keys are used as they are. A single
/// in-memory process with none gets a development key (kept in <c>.hive/</c>, so restarts keep issued credentials valid)
/// and writes credentials for the console and the demo swarm once it runs. A durable or clustered silo with none refuses
/// to start: it is the shape that gets exposed, so running unauthenticated must be asked for by name.
/// </summary>
public sealed class SecuritySetup
{
    public const string DevKeyId = "dev";

    /// <summary>What the silo says at start and <c>/health</c> says while callers are not authenticated.</summary>
    public const string OpenWarning = $"{SecurityOptions.Section}:Mode is Open: callers are NOT authenticated; any client may act as anyone.";

    private static readonly TimeSpan DevLifetime = TimeSpan.FromDays(30);

    private SecuritySetup(SecurityOptions options, string? warning, bool development) => (Options, Warning, IsDevelopment) = (options, warning, development);

    public SecurityOptions Options { get; }

    /// <summary>Said at start when callers are not authenticated; null when they are.</summary>
    public string? Warning { get; }

    public bool IsDevelopment { get; }

    /// <summary>The mode this silo runs in; <see cref="StartupException"/> when a durable or clustered silo has no keys.</summary>
    public static SecuritySetup Apply(IConfigurationBuilder configuration, IConfiguration current, HostSettings settings)
    {
        var options = new SecurityOptions();
        current.GetSection(SecurityOptions.Section).Bind(options);
        var hasKeys = options.Keys.Count > 0 || !string.IsNullOrWhiteSpace(options.KeysPath);
        if (options.Mode == SecurityMode.Open)
            return new SecuritySetup(options, OpenWarning, false);
        if (hasKeys) return new SecuritySetup(options, null, false);
        if (settings.Postgres is not null || settings.Redis is not null)
            throw new StartupException($"a durable or Redis-clustered silo needs signing keys: set {SecurityOptions.Section}:Keys or {SecurityOptions.Section}:KeysPath "
                + $"(or {SecurityOptions.Section}:Mode=Open to run without authentication).");
        var secret = DevKey(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(options.DevCredentialsPath))!, "dev-signing-key"));
        Set(configuration, ("Keys:0:Id", DevKeyId), ("Keys:0:Algorithm", SigningAlgorithms.Hs256), ("Keys:0:Secret", secret));
        options.Keys.Add(new SigningKeyOptions { Id = DevKeyId, Secret = secret });
        return new SecuritySetup(options, null, true);
    }

    /// <summary>
    /// Issues the development operator credential, and the demo swarm's when a companion names its roles, and writes
    /// them where the console and Hive.Client look.
    /// </summary>
    public (string Path, string Operator, string? Swarm) WriteDevCredentials(IReadOnlyCollection<string>? swarmRoles)
    {
        var key = SigningKeyLoader.Load(Options).Single(k => k.Id == DevKeyId);
        var now = DateTimeOffset.UtcNow;
        var lifetime = DevLifetime < Options.MaxTokenLifetime ? DevLifetime : Options.MaxTokenLifetime;
        var operatorToken = HiveTokens.Issue(new TokenGrant(PrincipalKind.Operator, "dev", lifetime, Scopes: Scopes.All), key, now);
        var swarmToken = swarmRoles is null ? null
            : HiveTokens.Issue(new TokenGrant(PrincipalKind.Service, "demo-swarm", lifetime, Agents: ["*"], Roles: swarmRoles.Distinct().ToArray()), key, now);
        new DevCredentialsFile(operatorToken, swarmToken, now + lifetime).Write(Options.DevCredentialsPath);
        return (Path.GetFullPath(Options.DevCredentialsPath), operatorToken, swarmToken);
    }

    /// <summary>The development key in <paramref name="path"/>, made on first use. Created exclusively, so silos starting together share one.</summary>
    private static string DevKey(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            using var created = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
            using var writer = new StreamWriter(created);
            writer.Write(SigningKeyLoader.NewSecret());
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another silo made it first.
        }
        for (var attempt = 0; ; attempt++)
        {
            var secret = File.ReadAllText(path).Trim();
            if (secret.Length > 0 || attempt == 50) return secret;
            Thread.Sleep(20);   // the other silo is still writing it
        }
    }

    private static void Set(IConfigurationBuilder configuration, params (string Key, string Value)[] values) =>
        configuration.Add(new MemoryConfigurationSource
        {
            InitialData = values.Select(v => new KeyValuePair<string, string?>($"{SecurityOptions.Section}:{v.Key}", v.Value)),
        });
}
