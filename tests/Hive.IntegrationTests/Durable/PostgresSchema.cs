using Hive.Silo.Storage;

namespace Hive.Tests.Durable;

/// <summary>
/// A private schema on the test PostgreSQL (<c>HIVE_TEST_POSTGRES</c>) with the tables of every migration, so
/// tests run in parallel and again and again without seeing each other. Dropped on dispose.
/// </summary>
public sealed class PostgresSchema : IAsyncDisposable
{
    public const string Variable = "HIVE_TEST_POSTGRES";

    private PostgresSchema(string name, NpgsqlDataSource dataSource)
    {
        Name = name;
        DataSource = dataSource;
    }

    /// <summary>The schema's name; also the application name of its connections, so a test can find them in pg_stat_activity.</summary>
    public string Name { get; }

    /// <summary>Connections whose search path is this schema only.</summary>
    public NpgsqlDataSource DataSource { get; }

    /// <summary>The test database's connection string. Missing is a failure, never a skip: durable tests must run.</summary>
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : throw new InvalidOperationException(
            $"{Variable} is not set. The durable tests need a PostgreSQL where they may create schemas, for example "
            + $"{Variable}='Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres'; the test script exports it for the PostgreSQL it starts.");

    /// <summary>The SQL of every migration, in order, as the migration runner reads it from the silo assembly (later ones touch earlier tables).</summary>
    public static string MigrationSql { get; } = string.Join(";\n", Migrations.Embedded.Select(m => m.Sql));

    public static async Task<PostgresSchema> CreateAsync(Action<NpgsqlConnectionStringBuilder>? tune = null)
    {
        var name = "hive_test_" + Guid.NewGuid().ToString("N")[..16];
        await using (var admin = NpgsqlDataSource.Create(ConnectionString))
        await using (var connection = await admin.OpenConnectionAsync())
        {
            // Identifiers cannot be parameters; the name is ours and only hex digits follow the prefix.
            await using var create = new NpgsqlCommand($"CREATE SCHEMA {name}; SET search_path TO {name}; {MigrationSql}", connection);
            await create.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = name, ApplicationName = name };
        tune?.Invoke(builder);
        return new PostgresSchema(name, NpgsqlDataSource.Create(builder));
    }

    /// <summary>Runs SQL in this schema on a connection of its own (outside any store's pipeline).</summary>
    public async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    /// <summary>A connection straight to the test database with this schema on its search path, bypassing any proxy.</summary>
    public async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = Name, ApplicationName = Name + "-admin" }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await using var admin = NpgsqlDataSource.Create(ConnectionString);
        await using var drop = admin.CreateCommand($"DROP SCHEMA IF EXISTS {Name} CASCADE");
        await drop.ExecuteNonQueryAsync();
    }
}
