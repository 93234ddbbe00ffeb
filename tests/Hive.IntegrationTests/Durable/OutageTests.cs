using System.Collections.Concurrent;
using System.Diagnostics;
using Hive.Silo.Storage.Resilience;

namespace Hive.Tests.Durable;

/// <summary>
/// PostgreSQL goes away and comes back (through a proxy, so other tests keep their server): callers fail fast with
/// storage-unavailable instead of hanging, nothing acknowledged is lost, and calls succeed again on their own.
/// </summary>
[Trait("Category", "Durable")]
public sealed class OutageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly StorageResilienceOptions Resilience = new()
    {
        // An attempt may wait longer than any refusal by an open circuit takes, even on a loaded machine (seen: 0.63 s).
        AttemptTimeout = TimeSpan.FromMilliseconds(1500),
        TotalTimeout = TimeSpan.FromSeconds(3),
        MaxRetries = 2,
        RetryDelay = TimeSpan.FromMilliseconds(20),
        RetryMaxDelay = TimeSpan.FromMilliseconds(100),
        MinimumThroughput = 3,
        SamplingDuration = TimeSpan.FromSeconds(5),
        BreakDuration = TimeSpan.FromSeconds(1),
    };

    private static readonly DateTimeOffset At = new(2026, 3, 1, 9, 30, 0, TimeSpan.Zero);
    private PostgresSchema _schema = null!;
    private TcpProxy _proxy = null!;
    private NpgsqlDataSource _viaProxy = null!;
    private TestStores _stores = null!;
    private int _next;

    public async Task InitializeAsync()
    {
        _schema = await PostgresSchema.CreateAsync();
        _proxy = TcpProxy.To(PostgresSchema.ConnectionString);
        _viaProxy = NpgsqlDataSource.Create(_proxy.ConnectionString(_schema));
        _stores = new TestStores(_viaProxy, Resilience);
    }

    public async Task DisposeAsync()
    {
        await _viaProxy.DisposeAsync();
        await _proxy.DisposeAsync();
        await _schema.DisposeAsync();
    }

    [Fact]
    public async Task While_the_database_is_down_calls_fail_fast_and_afterwards_succeed_again_with_nothing_acknowledged_lost()
    {
        await using var messages = _stores.Messages();
        var acknowledged = new ConcurrentBag<string>();
        await RunWritersAsync(messages, acknowledged, TimeSpan.FromMilliseconds(300), expectFailures: false);
        Assert.NotEmpty(acknowledged);

        _proxy.Down();
        var failures = await RunWritersAsync(messages, acknowledged, TimeSpan.FromSeconds(2), expectFailures: true);
        Assert.NotEmpty(failures);
        Assert.All(failures, f => Assert.True(f.Took < Resilience.TotalTimeout + TimeSpan.FromSeconds(1), $"A failing call took {f.Took}."));
        Assert.Equal(StorageCircuit.Open, _stores.Health.Circuit);
        // A call whose batch began before the circuit opened may wait out its attempt before being refused; a call
        // made while it is open must not wait at all.
        var open = failures.Where(f => f.OpenAtStart).ToArray();
        Assert.NotEmpty(open);
        Assert.All(open, f => Assert.Contains("refused", f.Error.Message, StringComparison.Ordinal));
        Assert.All(open, f => Assert.True(f.Took < TimeSpan.FromSeconds(1), $"An open circuit took {f.Took} to refuse a call; one attempt may wait {Resilience.AttemptTimeout}."));
        var read = await Assert.ThrowsAsync<HiveException>(() => messages.PendingAsync("agent-0", 10));
        Assert.Equal(HiveErrorCodes.StorageUnavailable, read.Code);
        output.WriteLine($"down: {failures.Count} failed calls, slowest {failures.Max(f => f.Took).TotalMilliseconds:0} ms, "
            + $"{open.Length} refused by the open circuit, slowest of those {open.Max(f => f.Took).TotalMilliseconds:0} ms");

        _proxy.Up();
        var back = Stopwatch.StartNew();
        await RecoverAsync(messages, acknowledged);
        output.WriteLine($"up: first success {back.ElapsedMilliseconds} ms after the database returned");
        await RunWritersAsync(messages, acknowledged, TimeSpan.FromMilliseconds(300), expectFailures: false);
        Assert.Equal(StorageCircuit.Closed, _stores.Health.Circuit);

        var stored = new HashSet<string>(StringComparer.Ordinal);
        await using (var direct = await _schema.OpenAsync())
        await using (var command = new NpgsqlCommand("SELECT agent_id FROM hive_messages", direct))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) stored.Add(reader.GetString(0));
        }
        Assert.All(acknowledged, id => Assert.Contains(id, stored));
        output.WriteLine($"{acknowledged.Count} acknowledged, all stored; {stored.Count} stored in all");
    }

    [Fact]
    public async Task A_database_that_stops_answering_is_given_up_on_within_the_total_timeout()
    {
        await using var catalog = _stores.Catalog();
        await catalog.QueryAsync(new CatalogQuery(EntityKind.Agent));

        _proxy.Hang();
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<HiveException>(() => catalog.QueryAsync(new CatalogQuery(EntityKind.Agent)));

        Assert.Equal(HiveErrorCodes.StorageUnavailable, error.Code);
        Assert.True(clock.Elapsed < Resilience.TotalTimeout + TimeSpan.FromSeconds(1), $"The call took {clock.Elapsed}.");
        Assert.NotNull(error.RetryAfter);
        Assert.DoesNotContain("127.0.0.1", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Four writers append to fresh inboxes for <paramref name="duration"/>; returns the failed calls, each with whether the circuit was open when it began.</summary>
    private async Task<List<(HiveException Error, TimeSpan Took, bool OpenAtStart)>> RunWritersAsync(Silo.Storage.Append.PostgresMessageStore messages,
        ConcurrentBag<string> acknowledged, TimeSpan duration, bool expectFailures)
    {
        var failures = new ConcurrentBag<(HiveException, TimeSpan, bool)>();
        var until = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (until.Elapsed < duration)
            {
                var inbox = $"agent-{Interlocked.Increment(ref _next)}";
                var openAtStart = OpenForAWhile(_stores.Health.Snapshot());
                var clock = Stopwatch.StartNew();
                try
                {
                    await messages.AppendAsync([new Message(1, "sender", inbox, "notice", "s", "b", null, At)]);
                    acknowledged.Add(inbox);
                }
                catch (HiveException e) when (expectFailures && e.Code == HiveErrorCodes.StorageUnavailable && e.RetryAfter > TimeSpan.Zero)
                {
                    failures.Add((e, clock.Elapsed, openAtStart));
                    await Task.Delay(20);
                }
            }
        })));
        return [.. failures];
    }

    /// <summary>Open, and not about to let a probe through (the call that finds the break over is the probe, and waits on the database).</summary>
    private static bool OpenForAWhile(StorageHealthSnapshot health) =>
        health.Circuit == StorageCircuit.Open && health.OpenUntil > DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(50);

    /// <summary>Appends until one succeeds; the circuit's probe is the first call after the break.</summary>
    private async Task RecoverAsync(Silo.Storage.Append.PostgresMessageStore messages, ConcurrentBag<string> acknowledged)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var inbox = $"agent-{Interlocked.Increment(ref _next)}";
            try
            {
                await messages.AppendAsync([new Message(1, "sender", inbox, "notice", "s", "b", null, At)]);
                acknowledged.Add(inbox);
                return;
            }
            catch (HiveException e) when (e.Code == HiveErrorCodes.StorageUnavailable && deadline.Elapsed < Resilience.BreakDuration * 5)
            {
                await Task.Delay(50);
            }
        }
    }
}
