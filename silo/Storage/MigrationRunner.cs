using Npgsql;

namespace Hive.Silo.Storage;

/// <summary>
/// Brings the database schema up to the migrations this silo knows. Runs under a PostgreSQL advisory lock,
/// so silos starting together apply each migration exactly once: the first takes the lock and migrates, the
/// others wait, then find nothing left to do. Each migration and its version row commit in one transaction.
/// </summary>
public sealed partial class MigrationRunner(NpgsqlDataSource dataSource, IReadOnlyList<Migration> migrations, ILogger<MigrationRunner> log)
{
    /// <summary>The advisory lock key: "HIVE" in ASCII, so it is recognisable in pg_locks.</summary>
    public const long LockKey = 0x48495645;

    private const string CreateVersionTable = """
        CREATE TABLE IF NOT EXISTS hive_schema_version (
            version    int PRIMARY KEY,
            name       text NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now())
        """;

    /// <summary>Applies every pending migration; throws <see cref="SchemaTooNewException"/> when the database is ahead of this silo.</summary>
    public async Task<MigrationReport> ApplyAsync(CancellationToken cancellationToken = default)
    {
        var known = Migrations.Ordered(migrations);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({LockKey})", cancellationToken);
        try
        {
            await ExecuteAsync(connection, null, CreateVersionTable, cancellationToken);
            var applied = await AppliedVersionsAsync(connection, cancellationToken);
            var knownVersion = known.Count == 0 ? 0 : known[^1].Version;
            if (applied.Count > 0 && applied.Max() > knownVersion) throw new SchemaTooNewException(applied.Max(), knownVersion);

            var pending = known.Where(m => !applied.Contains(m.Version)).ToList();
            foreach (var migration in pending)
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken);
                await using (var record = new NpgsqlCommand("INSERT INTO hive_schema_version (version, name) VALUES ($1, $2)", connection, transaction))
                {
                    record.Parameters.Add(new NpgsqlParameter { Value = migration.Version });
                    record.Parameters.Add(new NpgsqlParameter { Value = migration.Name });
                    await record.ExecuteNonQueryAsync(cancellationToken);
                }
                await transaction.CommitAsync(cancellationToken);
                LogApplied(log, migration.Version, migration.Name);
            }
            return new MigrationReport(pending, Math.Max(knownVersion, applied.Count == 0 ? 0 : applied.Max()));
        }
        finally
        {
            // A broken connection releases the lock by itself; only a healthy one needs the explicit unlock.
            if (connection.State == System.Data.ConnectionState.Open)
                await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None);
        }
    }

    private static async Task<HashSet<int>> AppliedVersionsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var versions = new HashSet<int>();
        await using var command = new NpgsqlCommand("SELECT version FROM hive_schema_version", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) versions.Add(reader.GetInt32(0));
        return versions;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied schema migration {Version:D4} {Name}")]
    private static partial void LogApplied(ILogger logger, int version, string name);
}
