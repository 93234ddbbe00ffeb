using Hive.Silo.Storage.Append;
using Npgsql;

namespace Hive.Benchmarks;

/// <summary>A throwaway schema with the append tables, dropped at the end of the run.</summary>
internal sealed class BenchSchema : IAsyncDisposable
{
    private readonly string _connectionString;

    private BenchSchema(string connectionString, string name, NpgsqlDataSource dataSource)
    {
        _connectionString = connectionString;
        Name = name;
        DataSource = dataSource;
    }

    public string Name { get; }

    public NpgsqlDataSource DataSource { get; }

    public static async Task<BenchSchema> CreateAsync(string connectionString)
    {
        var name = "hive_bench_" + Guid.NewGuid().ToString("N")[..12];
        var assembly = typeof(PostgresEntityCatalog).Assembly;
        var resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith("0002_append_tables.sql", StringComparison.Ordinal));
        using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
        var migration = await reader.ReadToEndAsync();
        await using (var admin = NpgsqlDataSource.Create(connectionString))
        await using (var command = admin.CreateCommand($"CREATE SCHEMA {name}; SET search_path TO {name}; {migration}"))
        {
            await command.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = name, MaxPoolSize = 120, CancellationTimeout = 200, Timeout = 2 };
        return new BenchSchema(connectionString, name, NpgsqlDataSource.Create(builder));
    }

    public async Task<long> CountAsync(string table)
    {
        await using var command = DataSource.CreateCommand($"SELECT count(*) FROM {table}");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await using var admin = NpgsqlDataSource.Create(_connectionString);
        await using var drop = admin.CreateCommand($"DROP SCHEMA IF EXISTS {Name} CASCADE");
        await drop.ExecuteNonQueryAsync();
    }
}
