using Hive.Agents;
using Hive.Security;
using Hive.Escalations;
using Hive.Health;
using Hive.Messaging;
using Hive.Memory;
using Hive.Retention;
using Hive.Silo.InMemory;
using Hive.Silo.Retention;
using Hive.Silo.Telemetry;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Storage;

namespace Hive.Silo.Hosting;

/// <summary>Wires the Hive domain into a silo. Adapters registered before this call win over the in-memory defaults.</summary>
public static class HiveSiloBuilderExtensions
{
    /// <summary>The hive's own options (not storage's), each bound to its section and checked by its validator at start.</summary>
    public static IServiceCollection AddHiveOptions(this IServiceCollection services, IConfiguration configuration) =>
        services
            .AddValidatedOptions<HiveTimingOptions, HiveTimingOptionsValidator>(configuration, HiveTimingOptions.Section)
            .AddValidatedOptions<MessagingOptions, MessagingOptionsValidator>(configuration, MessagingOptions.Section)
            .AddValidatedOptions<EscalationOptions, EscalationOptionsValidator>(configuration, EscalationOptions.Section)
            .AddValidatedOptions<MemoryOptions, MemoryOptionsValidator>(configuration, MemoryOptions.Section)
            .AddValidatedOptions<HealthOptions, HealthOptionsValidator>(configuration, HealthOptions.Section)
            .AddValidatedOptions<RateLimitOptions, RateLimitOptionsValidator>(configuration, RateLimitOptions.Section)
            .AddValidatedOptions<RetentionOptions, RetentionOptionsValidator>(configuration, RetentionOptions.Section)
            .AddValidatedOptions<SecurityOptions, SecurityOptionsValidator>(configuration, SecurityOptions.Section)
            // The generated validator does not look into the bucket dictionaries.
            .AddSingleton<IValidateOptions<RateLimitOptions>, RateLimitBucketsValidator>();

    public static ISiloBuilder AddHive(this ISiloBuilder silo, IConfiguration configuration)
    {
        var services = silo.Services;
        services.AddHiveOptions(configuration);
        // Which keys an enforcing silo signs with is a rule across Keys, KeysPath and the key files: written by hand.
        services.AddSingleton<IValidateOptions<SecurityOptions>, SigningKeysValidator>();
        services.AddSingleton(sp => KeyRingFor(sp.GetRequiredService<IOptions<SecurityOptions>>().Value));
        services.AddSingleton<RevokedTokens>();
        services.AddSingleton(sp => new CredentialVerifier(sp.GetRequiredService<KeyRing>(), sp.GetRequiredService<RevokedTokens>(), TimeProvider.System));
        services.AddSingleton(sp => new SiloCredential(sp.GetRequiredService<KeyRing>(), TimeProvider.System));
        services.AddHostedService<SecurityRefresher>();
        services.AddSingleton<CallRateLimiter>();
        services.AddSingleton<ServiceLevelCache>();
        services.AddMetrics();
        services.AddSingleton<HiveMetrics>();
        services.AddSingleton<CallStats>();
        services.AddHostedService<HealthReporter>();
        // Authentication first: the service level's rate limits are keyed by the principal it verifies.
        silo.AddIncomingGrainCallFilter<CredentialFilter>();
        silo.AddOutgoingGrainCallFilter<SiloCallStamp>();
        silo.AddIncomingGrainCallFilter<ServiceLevelFilter>();
        // A caller's trace continues through grain calls (spans exist only while a tracer listens).
        silo.AddActivityPropagation();
        services.TryAddSingleton(HiveClock.System);
        services.TryAddSingleton<IEntityCatalog, InMemoryEntityCatalog>();
        services.TryAddSingleton<IAuditLog>(_ => new InMemoryAuditLog());
        services.TryAddSingleton<IAlertSink, EscalationAlertSink>();
        services.TryAddSingleton<IMessageStore, InMemoryMessageStore>();
        services.TryAddSingleton<IMemoryChangeLog>(sp =>
            new InMemoryMemoryChangeLog(sp.GetRequiredService<IOptions<MemoryOptions>>().Value.ChangeLogRetention));
        services.TryAddSingleton<IAuditArchive>(sp => AuditArchive(sp.GetRequiredService<IOptions<RetentionOptions>>().Value));
        services.TryAddSingleton<IStoreSizes, InMemoryStoreSizes>();
        services.AddSingleton<ChangeRecorder>();
        services.AddHostedService<SweeperKeeper>();
        services.AddSingleton<AgentRevival>();
        services.AddHostedService(sp => sp.GetRequiredService<AgentRevival>());
        services.AddHostedService<RetentionKeeper>();
        services.AddHostedService<StoreSizeReporter>();
        if (!services.Any(d => d.ServiceType == typeof(IGrainStorage) && d.IsKeyedService && Equals(d.ServiceKey, HiveStorage.Name)))
            silo.AddMemoryGrainStorage(HiveStorage.Name);
        return silo;
    }

    private static KeyRing KeyRingFor(SecurityOptions options)
    {
        var ring = new KeyRing();
        if (options.Mode == SecurityMode.Enforced) ring.Replace(SigningKeyLoader.Load(options));
        return ring;
    }

    /// <summary>JSON lines files in the configured directory; none when the operator set it empty.</summary>
    private static IAuditArchive AuditArchive(RetentionOptions options) => string.IsNullOrWhiteSpace(options.AuditExportDirectory)
        ? new NoAuditArchive()
        : new JsonLinesAuditArchive(options.AuditExportDirectory, TimeProvider.System);
}
