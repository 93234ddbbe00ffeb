using Hive.Silo.Http;
using Hive.Silo.Storage;
using Hive.Silo.Telemetry;

namespace Hive.Silo.Hosting;

/// <summary>
/// Everything the host decides before it builds: where it listens, where state lives, how silos meet. Each section is
/// checked by its validator through <see cref="StartupValidation"/>, as the host's other options are once it is built.
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

    /// <summary>The settings; <see cref="OptionsValidationException"/> with one line per problem, each naming its key, when any is wrong.</summary>
    public static HostSettings Read(IConfiguration configuration, bool needPostgres = false)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var services = new ServiceCollection()
            .AddValidatedOptions<HiveSiloOptions, HiveSiloOptionsValidator>(configuration, HiveSiloOptions.Section)
            .AddValidatedOptions<HiveStorageOptions, HiveStorageOptionsValidator>(configuration, HiveStorageOptions.Section, needPostgres)
            .AddValidatedOptions<HiveClusteringOptions, HiveClusteringOptionsValidator>(configuration, HiveClusteringOptions.Section)
            .AddValidatedOptions<HiveHttpOptions, HiveHttpOptionsValidator>(configuration, HiveHttpOptions.Section)
            .AddValidatedOptions<HiveTelemetryOptions, HiveTelemetryOptionsValidator>(configuration, HiveTelemetryOptions.Section)
            // The transport is built with the certificate in hand, so its files are checked here, before the host.
            .AddValidatedOptions<HiveTlsOptions, HiveTlsOptionsValidator>(configuration, HiveTlsOptions.Section);
        using var provider = services.BuildServiceProvider();
        StartupValidation.Validate(provider);

        T Value<T>() where T : class => provider.GetRequiredService<IOptions<T>>().Value;
        var storage = Value<HiveStorageOptions>();
        var clustering = Value<HiveClusteringOptions>();
        return new HostSettings
        {
            Silo = Value<HiveSiloOptions>(), Storage = storage, Clustering = clustering, Http = Value<HiveHttpOptions>(),
            Telemetry = Value<HiveTelemetryOptions>(), Tls = Value<HiveTlsOptions>(),
            // The validators above have parsed both, so here they cannot fail.
            Postgres = needPostgres || storage.Mode == StorageMode.Postgres
                ? PostgresTarget.TryParse(storage.ResolveConnectionString(), HiveStorageOptionsValidator.ConnectionStringName, out _)
                : null,
            Redis = clustering.Mode == ClusteringMode.Redis
                ? RedisTarget.TryParse(clustering.ResolveRedisConnectionString(), HiveClusteringOptionsValidator.RedisName, out _)
                : null,
        };
    }
}
