using Hive.Silo.Http;
using Hive.Silo.Storage;
using Hive.Silo.Telemetry;

namespace Hive.Silo.Hosting;

/// <summary>
/// Everything the host decides before it builds: where it listens, where state lives, how silos meet.
/// Reading never throws; each bad setting becomes one line in <see cref="Problems"/>, naming its key.
/// </summary>
public sealed class HostSettings
{
    public HiveSiloOptions Silo { get; private init; } = new();
    public HiveStorageOptions Storage { get; private init; } = new();
    public HiveClusteringOptions Clustering { get; private init; } = new();
    public HiveHttpOptions Http { get; private init; } = new();
    public HiveTelemetryOptions Telemetry { get; private init; } = new();
    public HiveTlsOptions Tls { get; private init; } = new();

    /// <summary>Set in Postgres mode (and whenever a connection string is given, for <c>migrate</c>).</summary>
    public PostgresTarget? Postgres { get; private init; }

    /// <summary>Set in Redis mode.</summary>
    public RedisTarget? Redis { get; private init; }

    public IReadOnlyList<string> Problems { get; private init; } = [];

    public static HostSettings Read(IConfiguration configuration, bool needPostgres = false)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var problems = new List<string>();
        var silo = Bind<HiveSiloOptions>(configuration, HiveSiloOptions.Section, problems);
        var storage = Bind<HiveStorageOptions>(configuration, HiveStorageOptions.Section, problems);
        var clustering = Bind<HiveClusteringOptions>(configuration, HiveClusteringOptions.Section, problems);
        var http = Bind<HiveHttpOptions>(configuration, HiveHttpOptions.Section, problems);
        var telemetry = Bind<HiveTelemetryOptions>(configuration, HiveTelemetryOptions.Section, problems);
        var tls = Bind<HiveTlsOptions>(configuration, HiveTlsOptions.Section, problems);
        problems.AddRange(silo.Problems());
        // The transport is built with the certificate in hand, so its files are checked here, before the host.
        problems.AddRange(new HiveTlsOptionsValidator().Validate(null, tls).Failures ?? []);
        problems.AddRange(http.Problems(silo.ShutdownTimeout, tls));
        problems.AddRange(telemetry.Problems());

        PostgresTarget? postgres = null;
        if (needPostgres || storage.Mode == StorageMode.Postgres)
        {
            postgres = PostgresTarget.TryParse(storage.ResolveConnectionString(), SettingName(HiveStorageOptions.ConnectionStringSetting, HiveStorageOptions.ConnectionStringVariable), out var problem);
            if (problem is not null) problems.Add(problem);
        }
        RedisTarget? redis = null;
        if (clustering.Mode == ClusteringMode.Redis)
        {
            redis = RedisTarget.TryParse(clustering.ResolveRedisConnectionString(), SettingName(HiveClusteringOptions.RedisSetting, HiveClusteringOptions.RedisVariable), out var problem);
            if (problem is not null) problems.Add(problem);
            // In-memory state is per process: silos of one cluster would each hold a different truth.
            if (storage.Mode == StorageMode.InMemory)
                problems.Add($"{HiveClusteringOptions.Section}:Mode Redis needs {HiveStorageOptions.Section}:Mode Postgres: in-memory state would split across silos.");
        }
        return new HostSettings
        {
            Silo = silo, Storage = storage, Clustering = clustering, Http = http, Telemetry = telemetry, Tls = tls, Postgres = postgres, Redis = redis,
            Problems = problems,
        };
    }

    private static string SettingName(string key, string variable) => $"{key} (or {variable})";

    private static T Bind<T>(IConfiguration configuration, string section, List<string> problems) where T : new()
    {
        try
        {
            return configuration.GetSection(section).Get<T>() ?? new T();
        }
        catch (InvalidOperationException e)
        {
            // The binder names the key and the value it could not convert (modes, ports: never a secret).
            problems.Add(e.InnerException is { } inner ? $"{e.Message} {inner.Message}" : e.Message);
            return new T();
        }
    }
}
