using System.Data.Common;
using Hive.Memory;
using Hive.Silo.Storage.Append;
using Hive.Silo.Storage.GrainState;
using Hive.Silo.Storage.GroupCommit;
using Hive.Silo.Storage.Resilience;
using Npgsql;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Hive.Silo.Hosting;

/// <summary>Durable mode: grain state in PostgreSQL. Call before <see cref="HiveSiloBuilderExtensions.AddHive"/>, whose in-memory defaults then stand aside.</summary>
public static class PostgresSiloBuilderExtensions
{
    /// <summary>The ADO.NET invariant Orleans knows PostgreSQL by.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>
    /// Registers <paramref name="dataSource"/> (the one pool every PostgreSQL adapter shares; the caller owns
    /// and disposes it), the grain storage (<c>Hive:Storage:GrainStateWriter</c>) and the append stores on it.
    /// The schema must already be migrated (<see cref="Storage.MigrationRunner"/>).
    /// </summary>
    public static ISiloBuilder AddHivePostgres(this ISiloBuilder silo, NpgsqlDataSource dataSource, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(configuration);
        silo.Services.AddSingleton(dataSource);
        var writer = configuration.GetSection(HiveStorageOptions.Section).Get<HiveStorageOptions>()?.GrainStateWriter ?? GrainStateWriter.Batched;
        silo.AddPostgresGrainStorage(HiveStorage.Name, dataSource, writer);
        // Catalog, audit, memory change log and messages: append tables behind group commit and the storage pipeline.
        silo.Services.AddPostgresAppendStores(configuration);
        return silo;
    }

    /// <summary>
    /// A grain storage named <paramref name="name"/> on the hive's schema (0001_grain_state.sql) whose failures for lack
    /// of the database reach callers as storage-unavailable. The batched writer needs the append stores' services
    /// (<see cref="AppendStoreServiceCollectionExtensions.AddPostgresAppendStores"/>): the storage pipeline and group commit settings.
    /// </summary>
    public static ISiloBuilder AddPostgresGrainStorage(this ISiloBuilder silo, string name, NpgsqlDataSource dataSource, GrainStateWriter writer)
    {
        ArgumentNullException.ThrowIfNull(silo);
        if (writer == GrainStateWriter.AdoNet) return AddAdoNet(silo, name, dataSource);
        silo.Services.AddKeyedSingleton<IGrainStorage>(name, (services, key) => new BatchedGrainStorage(name,
            services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId,
            services.GetRequiredService<PostgresCalls>(),
            new OrleansGrainStorageSerializer(services.GetRequiredService<Serializer>()),
            services.GetRequiredService<IActivatorProvider>(),
            services.GetRequiredService<IOptions<GroupCommitOptions>>().Value,
            services.GetRequiredService<IOptions<MemoryOptions>>().Value.ChangeLogRetention,
            services.GetRequiredService<ILogger<BatchedGrainStorage>>()));
        return silo;
    }

    private static ISiloBuilder AddAdoNet(ISiloBuilder silo, string name, NpgsqlDataSource dataSource)
    {
        DbProviderFactories.RegisterFactory(Invariant, NpgsqlFactory.Instance);
        silo.AddAdoNetGrainStorage(name, options => options.Configure<Serializer>((o, serializer) =>
        {
            o.Invariant = Invariant;
            o.DataSource = dataSource;
            // Orleans' binary format honours the [Id]/[Alias] attributes on every state type, so renaming a
            // member or a type never orphans stored state (JSON would key on member names). Both writers use it.
            o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
        }));
        // Orleans registers the provider as a keyed IGrainStorage (and resolves its lifecycle participant through that
        // key): the same key now yields the provider wrapped, so a lost database reads as storage-unavailable.
        var provider = silo.Services.Last(d => d.ServiceType == typeof(IGrainStorage) && d.IsKeyedService && Equals(d.ServiceKey, name));
        silo.Services.Remove(provider);
        silo.Services.AddKeyedSingleton<IGrainStorage>(name, (services, key) => new PlainGrainStorage(
            (IGrainStorage)provider.KeyedImplementationFactory!(services, key),
            services.GetRequiredService<IOptions<StorageResilienceOptions>>().Value.RetryAfter));
        return silo;
    }
}
