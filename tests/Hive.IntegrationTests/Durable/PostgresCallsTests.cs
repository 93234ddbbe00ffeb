using System.Diagnostics;
using Hive.Silo.Storage.Resilience;

namespace Hive.Tests.Durable;

/// <summary>The storage pipeline against errors a real PostgreSQL raises: what is retried, what passes through, when the circuit opens.</summary>
[Trait("Category", "Durable")]
public sealed class PostgresCallsTests : IAsyncLifetime
{
    private static readonly StorageResilienceOptions Quick = new()
    {
        AttemptTimeout = TimeSpan.FromMilliseconds(300),
        TotalTimeout = TimeSpan.FromSeconds(2),
        MaxRetries = 2,
        RetryDelay = TimeSpan.FromMilliseconds(10),
        RetryMaxDelay = TimeSpan.FromMilliseconds(50),
        MinimumThroughput = 3,
        BreakDuration = TimeSpan.FromSeconds(1),
    };

    private PostgresSchema _schema = null!;
    private TestStores _stores = null!;
    private int _attempts;

    public async Task InitializeAsync()
    {
        _schema = await PostgresSchema.CreateAsync();
        _stores = new TestStores(_schema.DataSource, Quick);
    }

    public async Task DisposeAsync() => await _schema.DisposeAsync();

    [Fact]
    public async Task Bad_sql_and_constraint_violations_pass_through_unchanged_after_one_attempt()
    {
        var missing = await Assert.ThrowsAsync<PostgresException>(() => _stores.Calls.ReadAsync((c, t) => RunAsync(c, "SELECT * FROM no_such_table", t), default));
        Assert.Equal((PostgresErrorCodes.UndefinedTable, 1), (missing.SqlState, _attempts));

        _attempts = 0;
        const string twice = "INSERT INTO hive_audit (seq, at, actor, entity, action) VALUES (1, now(), 'a', 'e', 'x'), (1, now(), 'a', 'e', 'x')";
        var duplicate = await Assert.ThrowsAsync<PostgresException>(() =>
            _stores.Calls.WriteAsync((c, _, t) => RunAsync(c, twice, t), idempotent: true, default));
        Assert.Equal((PostgresErrorCodes.UniqueViolation, 1), (duplicate.SqlState, _attempts));
        Assert.Equal(StorageCircuit.Closed, _stores.Health.Circuit);
    }

    [Fact]
    public async Task A_transient_fault_that_clears_is_invisible_to_the_caller()
    {
        var result = await _stores.Calls.ReadAsync(async (c, t) =>
            _attempts == 0 ? await RunAsync(c, Raise("serialization_failure"), t) : await RunAsync(c, "SELECT 42", t), default);

        Assert.Equal((42, 2), (result, _attempts));
    }

    [Fact]
    public async Task Transient_faults_that_persist_are_retried_then_reported_as_storage_unavailable()
    {
        var error = await Assert.ThrowsAsync<HiveException>(() => _stores.Calls.ReadAsync((c, t) => RunAsync(c, Raise("deadlock_detected"), t), default));

        Assert.Equal(HiveErrorCodes.StorageUnavailable, error.Code);
        Assert.Equal(Quick.MaxRetries + 1, _attempts);
        Assert.Equal(Quick.RetryAfter, error.RetryAfter);
        // A deadlock victim says nothing about the database being away: the circuit stays closed.
        Assert.Equal(StorageCircuit.Closed, _stores.Health.Circuit);
        Assert.Equal("PostgreSQL error 40P01", _stores.Health.Snapshot().LastFailure);
    }

    [Fact]
    public async Task Each_attempt_the_database_does_not_answer_is_timed_out_and_retried_before_the_call_is_given_up()
    {
        // Attempts long enough that opening a connection on a loaded machine never eats one; a total that never cuts in.
        var stores = new TestStores(_schema.DataSource, Timeouts(attempt: TimeSpan.FromSeconds(1), total: TimeSpan.FromSeconds(30)));
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<HiveException>(() => stores.Calls.ReadAsync((c, t) => RunAsync(c, "SELECT 1 FROM pg_sleep(30)", t), default));

        Assert.Equal(HiveErrorCodes.StorageUnavailable, error.Code);
        Assert.Equal(Quick.MaxRetries + 1, _attempts);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(Quick.MaxRetries + 1), $"Three one-second attempts ended after {clock.Elapsed}.");
    }

    [Fact]
    public async Task A_call_is_given_up_at_the_total_timeout_even_while_an_attempt_is_still_running()
    {
        var stores = new TestStores(_schema.DataSource, Timeouts(attempt: TimeSpan.FromSeconds(20), total: TimeSpan.FromSeconds(1)));
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<HiveException>(() => stores.Calls.ReadAsync((c, t) => RunAsync(c, "SELECT 1 FROM pg_sleep(30)", t), default));

        Assert.Equal(HiveErrorCodes.StorageUnavailable, error.Code);
        Assert.Contains("did not answer within 1 s", error.Message, StringComparison.Ordinal);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));
        Assert.InRange(_attempts, 0, 1);
    }

    [Fact]
    public async Task Sustained_outage_opens_the_circuit_which_fails_fast_then_closes_after_a_good_probe()
    {
        for (var call = 0; call < Quick.MinimumThroughput; call++)
            await Assert.ThrowsAsync<HiveException>(() => _stores.Calls.ReadAsync((c, t) => RunAsync(c, Raise("cannot_connect_now"), t), default));
        Assert.Equal(StorageCircuit.Open, _stores.Health.Circuit);

        var attempts = _attempts;
        var clock = Stopwatch.StartNew();
        var refused = await Assert.ThrowsAsync<HiveException>(() => _stores.Calls.ReadAsync((c, t) => RunAsync(c, "SELECT 1", t), default));
        Assert.True(clock.Elapsed < TimeSpan.FromMilliseconds(200), $"An open circuit took {clock.Elapsed} to refuse a call.");
        Assert.Equal(attempts, _attempts);
        Assert.Equal(HiveErrorCodes.StorageUnavailable, refused.Code);
        Assert.InRange(refused.RetryAfter!.Value, TimeSpan.FromMilliseconds(1), Quick.BreakDuration);
        Assert.Contains("refused", refused.Message, StringComparison.Ordinal);

        await Task.Delay(Quick.BreakDuration + TimeSpan.FromMilliseconds(100));
        Assert.Equal(1, await _stores.Calls.ReadAsync((c, t) => RunAsync(c, "SELECT 1", t), default));
        Assert.Equal(StorageCircuit.Closed, _stores.Health.Circuit);
        var health = _stores.Health.Snapshot();
        Assert.True(health.LatencySamples >= 1 && health.LatencyP99Ms >= health.LatencyP50Ms && health.LastFailureAt is not null);
    }

    private static StorageResilienceOptions Timeouts(TimeSpan attempt, TimeSpan total) => new()
    {
        AttemptTimeout = attempt,
        TotalTimeout = total,
        MaxRetries = Quick.MaxRetries,
        RetryDelay = Quick.RetryDelay,
        RetryMaxDelay = Quick.RetryMaxDelay,
        MinimumThroughput = Quick.MinimumThroughput,
        BreakDuration = Quick.BreakDuration,
    };

    private async Task<int> RunAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _attempts);
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>SQL that fails with the named PostgreSQL error condition, as the server would report it.</summary>
    private static string Raise(string condition) => $"DO $$ BEGIN RAISE EXCEPTION 'raised for the test' USING ERRCODE = '{condition}'; END $$";
}
