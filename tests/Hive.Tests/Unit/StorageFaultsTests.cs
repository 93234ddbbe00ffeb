using System.Net.Sockets;
using Hive.Silo.Storage.Resilience;
using Npgsql;

namespace Hive.Tests.Unit;

[Trait("Category", "Unit")]
public sealed class StorageFaultsTests
{
    public static TheoryData<string, bool, bool> SqlStates => new()
    {
        // SQL state, retried, counts toward opening the circuit
        { PostgresErrorCodes.UniqueViolation, false, false },
        { PostgresErrorCodes.SyntaxError, false, false },
        { PostgresErrorCodes.CheckViolation, false, false },
        { PostgresErrorCodes.DeadlockDetected, true, false },
        { PostgresErrorCodes.SerializationFailure, true, false },
        { PostgresErrorCodes.AdminShutdown, true, true },
        { PostgresErrorCodes.CannotConnectNow, true, true },
        { PostgresErrorCodes.ConnectionFailure, true, true },
        { PostgresErrorCodes.TooManyConnections, true, true },
    };

    [Theory]
    [MemberData(nameof(SqlStates))]
    public void Server_errors_are_retried_and_counted_by_their_sql_state(string sqlState, bool retried, bool outage)
    {
        var error = new PostgresException("raised", "ERROR", "ERROR", sqlState);

        Assert.Equal((retried, outage), (StorageFaults.IsTransient(error), StorageFaults.IsOutage(error)));
        Assert.Equal($"PostgreSQL error {sqlState}", StorageFaults.Describe(error));
    }

    [Fact]
    public void A_broken_connection_is_retried_counted_and_drops_the_pool()
    {
        var refused = new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused));

        Assert.True(StorageFaults.IsTransient(refused) && StorageFaults.IsOutage(refused) && StorageFaults.IsConnectionLost(refused));
        Assert.Equal("NpgsqlException (SocketException)", StorageFaults.Describe(refused));
        Assert.False(StorageFaults.IsTransient(new AmbiguousCommitException()));
        Assert.True(StorageFaults.IsOutage(new AmbiguousCommitException()));
        Assert.False(StorageFaults.IsTransient(new InvalidOperationException()) || StorageFaults.IsOutage(new InvalidOperationException()));
    }

    [Fact]
    public void Health_reports_recent_latency_percentiles_and_the_circuit()
    {
        var health = new StorageHealth();
        for (var ms = 1; ms <= 100; ms++) health.RecordSuccess(TimeSpan.FromMilliseconds(ms));
        health.RecordFailure(new TimeoutException());
        health.CircuitOpened(TimeSpan.FromSeconds(3));

        var snapshot = health.Snapshot();

        Assert.Equal((50.0, 95.0, 99.0, 100), (snapshot.LatencyP50Ms, snapshot.LatencyP95Ms, snapshot.LatencyP99Ms, snapshot.LatencySamples));
        Assert.InRange(snapshot.LatencyEwmaMs, 90, 100);
        Assert.Equal((StorageCircuit.Open, 100L, 1L, "TimeoutException"), (snapshot.Circuit, snapshot.Successes, snapshot.Failures, snapshot.LastFailure));
        Assert.NotNull(snapshot.OpenUntil);

        health.CircuitClosed();
        Assert.Equal((StorageCircuit.Closed, (DateTimeOffset?)null), (health.Circuit, health.Snapshot().OpenUntil));
    }
}
