using System.Net.Sockets;
using Npgsql;

namespace Hive.Silo.Storage.Resilience;

/// <summary>Sorts storage failures: which may succeed if tried again, which mean the database is away, and what to report.</summary>
public static class StorageFaults
{
    /// <summary>
    /// Trying again may succeed: the server is unreachable or restarting, the connection broke, or the transaction was
    /// a deadlock or serialization victim. Never for constraint violations, bad SQL or bad data: those fail the same way again.
    /// </summary>
    public static bool IsTransient(Exception e) => e switch
    {
        PostgresException pg => pg.IsTransient || IsServerGoingAway(pg.SqlState),
        NpgsqlException npgsql => npgsql.IsTransient || IsConnectionFault(npgsql.InnerException),
        TimeoutException => true,
        _ => false,
    };

    /// <summary>The failure says the database is away (not merely busy with a conflict): these feed the circuit breaker.</summary>
    public static bool IsOutage(Exception e) => e switch
    {
        AmbiguousCommitException => true,
        PostgresException pg => IsServerGoingAway(pg.SqlState) || pg.SqlState.StartsWith("53", StringComparison.Ordinal),
        NpgsqlException npgsql => npgsql.IsTransient || IsConnectionFault(npgsql.InnerException),
        TimeoutException => true,
        _ => false,
    };

    /// <summary>The connection itself is gone, so idle pooled connections to the same server are likely dead too.</summary>
    public static bool IsConnectionLost(Exception e) => e switch
    {
        PostgresException pg => IsServerGoingAway(pg.SqlState),
        NpgsqlException npgsql => IsConnectionFault(npgsql.InnerException),
        _ => false,
    };

    /// <summary>A short, secret-free description for health reports: the error class, never a message or connection detail.</summary>
    public static string Describe(Exception e) => e switch
    {
        PostgresException pg => $"PostgreSQL error {pg.SqlState}",
        NpgsqlException { InnerException: { } inner } => $"{e.GetType().Name} ({inner.GetType().Name})",
        _ => e.GetType().Name,
    };

    // 08: connection exception; 57P01/57P02: administrator or crash shutdown; 57P03: cannot connect now (starting up).
    private static bool IsServerGoingAway(string sqlState) =>
        sqlState.StartsWith("08", StringComparison.Ordinal) || sqlState is "57P01" or "57P02" or "57P03";

    private static bool IsConnectionFault(Exception? inner) => inner is IOException or SocketException or EndOfStreamException or TimeoutException;
}
