namespace Hive.Silo.Hosting;

/// <summary>Where grain state lives. Bound from <c>Hive:Storage</c>.</summary>
public sealed class HiveStorageOptions
{
    public const string Section = "Hive:Storage";
    public const string ConnectionStringSetting = Section + ":ConnectionString";

    /// <summary>The environment variable read when <see cref="ConnectionString"/> is not configured.</summary>
    public const string ConnectionStringVariable = "HIVE_POSTGRES";

    /// <summary><see cref="StorageMode.InMemory"/> (the default: one process, nothing survives it) or <see cref="StorageMode.Postgres"/>.</summary>
    public StorageMode Mode { get; set; } = StorageMode.InMemory;

    /// <summary>
    /// <see cref="Hosting.GrainStateWriter.Batched"/> (the default) or <see cref="Hosting.GrainStateWriter.AdoNet"/>, Orleans'
    /// stock provider, to compare against.
    /// </summary>
    public GrainStateWriter GrainStateWriter { get; set; } = GrainStateWriter.Batched;

    /// <summary>The Npgsql connection string; falls back to the <c>HIVE_POSTGRES</c> environment variable.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The configured connection string, else the environment's.</summary>
    public string? ResolveConnectionString() =>
        string.IsNullOrWhiteSpace(ConnectionString) ? Environment.GetEnvironmentVariable(ConnectionStringVariable) : ConnectionString;
}
