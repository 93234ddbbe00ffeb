using Hive.Silo.Hosting;
using Hive.Silo.Storage.GroupCommit;
using Hive.Silo.Storage.Resilience;
using Hive.Silo.Telemetry;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Hive.Silo.Storage.Append;

/// <summary>Wires the PostgreSQL append stores into a silo.</summary>
public static class AppendStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers the PostgreSQL catalog, audit trail, memory change log, message store and their size gauges' source in place of the in-memory
    /// defaults (before or after <c>AddHive</c>), with the storage pipeline, <see cref="StorageHealth"/>, its signals for the service level and its metrics. Needs an
    /// <c>NpgsqlDataSource</c> registered by the host and the tables of migration 0002. Settings:
    /// <c>Hive:Storage:Resilience</c> and <c>Hive:Storage:GroupCommit</c>, checked at start-up.
    /// </summary>
    public static IServiceCollection AddPostgresAppendStores(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services
            .AddValidatedOptions<StorageResilienceOptions, StorageResilienceOptionsValidator>(configuration, StorageResilienceOptions.Section)
            .AddValidatedOptions<GroupCommitOptions, GroupCommitOptionsValidator>(configuration, GroupCommitOptions.Section);
        services.TryAddSingleton<StorageHealth>();
        services.TryAddSingleton<IStorageSignals, StorageSignals>();
        services.AddMetrics();
        services.TryAddSingleton<StorageMetrics>();
        services.TryAddSingleton<PostgresCalls>();
        services.Replace(ServiceDescriptor.Singleton<IEntityCatalog, PostgresEntityCatalog>());
        services.Replace(ServiceDescriptor.Singleton<IAuditLog, PostgresAuditLog>());
        services.Replace(ServiceDescriptor.Singleton<IMemoryChangeLog, PostgresMemoryChangeLog>());
        services.Replace(ServiceDescriptor.Singleton<IMessageStore, PostgresMessageStore>());
        services.Replace(ServiceDescriptor.Singleton<IStoreSizes, PostgresStoreSizes>());
        return services;
    }
}
