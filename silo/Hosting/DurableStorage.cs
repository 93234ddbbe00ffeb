using Hive.Silo.Storage;
using Npgsql;

namespace Hive.Silo.Hosting;

/// <summary>Opens PostgreSQL for a silo or the <c>migrate</c> command: one data source, schema brought up to date.</summary>
public static class DurableStorage
{
    /// <summary>
    /// Creates the data source, applies pending migrations and claims the database for <paramref name="serviceId"/>
    /// (<see cref="DatabaseOwner"/>). Any failure (unreachable, refused credentials, a schema from the future, a database
    /// that belongs to another hive) becomes a <see cref="StartupException"/> with one line for the operator.
    /// </summary>
    public static async Task<(NpgsqlDataSource DataSource, MigrationReport Report)> OpenAsync(
        PostgresTarget target, string serviceId, ILoggerFactory loggers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        var dataSource = NpgsqlDataSource.Create(Tuned(target.ConnectionString));
        try
        {
            var runner = new MigrationRunner(dataSource, Migrations.Embedded, loggers.CreateLogger<MigrationRunner>());
            var report = await runner.ApplyAsync(cancellationToken);
            await DatabaseOwner.ClaimAsync(dataSource, serviceId, cancellationToken);
            return (dataSource, report);
        }
        catch (DatabaseOwnedElsewhereException e)
        {
            await dataSource.DisposeAsync();
            throw new StartupException($"PostgreSQL {target.Display}: {e.Message}");
        }
        catch (Exception e) when (e is NpgsqlException or SchemaTooNewException or TimeoutException)
        {
            await dataSource.DisposeAsync();
            throw new StartupException(PostgresFailure.Describe(e, target, $"{HiveStorageOptions.ConnectionStringSetting} (or {HiveStorageOptions.ConnectionStringVariable})"));
        }
        catch
        {
            await dataSource.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Connection settings for the silo's hot paths, unless the operator set them: the grain-state queries that Orleans'
    /// provider sends unprepared are prepared automatically after a few uses (a parse and plan saved per write), and a
    /// connection returned to the pool skips the session reset (one round trip per checkout) — Hive never changes
    /// session state, its locks are transaction-scoped.
    /// </summary>
    public static string Tuned(string connectionString)
    {
        // Npgsql's builder says it "contains" every keyword it knows, set or not: ask the plain builder what was written.
        var written = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!written.ContainsKey("Max Auto Prepare") && !written.ContainsKey("MaxAutoPrepare")) builder.MaxAutoPrepare = 64;
        if (!written.ContainsKey("No Reset On Close") && !written.ContainsKey("NoResetOnClose")) builder.NoResetOnClose = true;
        return builder.ConnectionString;
    }
}
