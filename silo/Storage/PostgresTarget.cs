using Npgsql;

namespace Hive.Silo.Storage;

/// <summary>A parsed PostgreSQL connection string and a description of it that is safe to print: never the password.</summary>
public sealed record PostgresTarget(string ConnectionString, string Display)
{
    /// <summary>Parses <paramref name="connectionString"/>; returns a problem phrased for the operator instead of throwing.</summary>
    public static PostgresTarget? TryParse(string? connectionString, string setting, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            problem = $"{setting} is not set; give an Npgsql connection string, for example Host=127.0.0.1;Port=5432;Database=hive;Username=hive;Password=...";
            return null;
        }
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            // The parser's messages name keywords and positions, never values, so they cannot leak the password.
            problem = $"{setting} is not a valid Npgsql connection string: {e.Message}";
            return null;
        }
        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            problem = $"{setting} names no Host.";
            return null;
        }
        var display = $"{builder.Username ?? "(default user)"}@{builder.Host}:{builder.Port}/{builder.Database ?? "(default database)"}";
        return new PostgresTarget(connectionString, display);
    }
}
