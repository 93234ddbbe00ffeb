using System.Data.Common;
using Hive.Silo.Storage.Append;
using Hive.Silo.Storage.Resilience;
using Npgsql;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;

namespace Hive.Silo.Hosting;

/// <summary>Durable mode: grain state in PostgreSQL. Call before <see cref="HiveSiloBuilderExtensions.AddHive"/>, whose in-memory defaults then stand aside.</summary>
public static class PostgresSiloBuilderExtensions
{
    /// <summary>The ADO.NET invariant Orleans knows PostgreSQL by.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>
    /// Registers <paramref name="dataSource"/> (the one pool every PostgreSQL adapter shares; the caller owns
    /// and disposes it), the ADO.NET grain storage and the append stores on it.
    /// The schema must already be migrated (<see cref="Storage.MigrationRunner"/>).
    /// </summary>
    public static ISiloBuilder AddHivePostgres(this ISiloBuilder silo, NpgsqlDataSource dataSource, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(dataSource);
        DbProviderFactories.RegisterFactory(Invariant, NpgsqlFactory.Instance);
        silo.Services.AddSingleton(dataSource);
        silo.AddPostgresGrainStorage(HiveStorage.Name, dataSource);
        // Catalog, audit, memory change log and messages: append tables behind group commit and the storage pipeline.
        silo.Services.AddPostgresAppendStores(configuration);
        return silo;
    }

    /// <summary>
    /// An ADO.NET grain storage named <paramref name="name"/> on the hive's schema (0001_grain_state.sql), whose failures
    /// for lack of the database reach callers as storage-unavailable (<see cref="PlainGrainStorage"/>).
    /// </summary>
    public static ISiloBuilder AddPostgresGrainStorage(
        this ISiloBuilder silo, string name, NpgsqlDataSource dataSource, Action<AdoNetGrainStorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(silo);
        AddAdoNet(silo, name, dataSource, configure);
        // Orleans registers the provider as a keyed IGrainStorage (and resolves its lifecycle participant through that
        // key): the same key now yields the provider wrapped.
        var provider = silo.Services.Last(d => d.ServiceType == typeof(IGrainStorage) && d.IsKeyedService && Equals(d.ServiceKey, name));
        silo.Services.Remove(provider);
        silo.Services.AddKeyedSingleton<IGrainStorage>(name, (services, key) => new PlainGrainStorage(
            (IGrainStorage)provider.KeyedImplementationFactory!(services, key),
            services.GetRequiredService<IOptions<StorageResilienceOptions>>().Value.RetryAfter));
        return silo;
    }

    private static ISiloBuilder AddAdoNet(ISiloBuilder silo, string name, NpgsqlDataSource dataSource, Action<AdoNetGrainStorageOptions>? configure) =>
        silo.AddAdoNetGrainStorage(name, options => options.Configure<Serializer>((o, serializer) =>
        {
            o.Invariant = Invariant;
            o.DataSource = dataSource;
            // Orleans' binary format honours the [Id]/[Alias] attributes on every state type, so renaming a
            // member or a type never orphans stored state (JSON would key on member names).
            o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
            configure?.Invoke(o);
        }));
}
