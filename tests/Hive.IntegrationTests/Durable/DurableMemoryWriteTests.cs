namespace Hive.Tests.Durable;

/// <summary>
/// Durable mode (batched grain storage and append stores on a fresh PostgreSQL database): a memory change, its log row
/// and its audit event commit with the key's state or not at all. A write is made to fail at the exact point by a side
/// transaction holding the key's state row, so the state write waits past the storage timeout.
/// </summary>
[Trait("Category", "Durable")]
public sealed class DurableMemoryWriteTests : IAsyncLifetime
{
    private const string Ns = "durablens";
    private const string Channel = "coordination";

    private DurableTestHive _durable = null!;
    private HiveClient _hive = null!;

    public async Task InitializeAsync()
    {
        _durable = await DurableTestHive.StartAsync(DurableTestHive.FailingWrites);
        _hive = _durable.Hive;
    }

    public async Task DisposeAsync() => await _durable.DisposeAsync();

    [Fact]
    public async Task A_state_write_that_fails_leaves_no_log_row_no_watch_event_no_audit_event_and_no_reused_version()
    {
        Assert.Equal(1, (await PutAsync("flaky", "\"v1\"")).Version);

        await using (await StateRowLock.HoldAsync(_durable.DataSource, GrainKeys.MemoryKey(Ns, Channel, "flaky")))
        {
            var failure = await Assert.ThrowsAnyAsync<Exception>(() => PutAsync("flaky", "\"v2\""));
            Assert.True(IsStorageUnavailable(failure), failure.ToString());
        }

        Assert.Equal(0L, await _durable.Database.ScalarAsync<long>("SELECT count(*) FROM hive_memory_changes WHERE value = '\"v2\"'"));
        Assert.Equal(["\"v1\""], (await WatchAllAsync()).Select(c => c.Value));
        var conflict = await Assert.ThrowsAsync<HiveException>(() => PutAsync("flaky", "\"cas\"", expectedVersion: 2));
        Assert.Equal(HiveErrorCodes.Conflict, conflict.Code);

        Assert.Equal(2, (await PutAsync("flaky", "\"v3\"")).Version);
        Assert.Equal([("\"v1\"", 1L), ("\"v3\"", 2L)], (await WatchAllAsync()).Select(c => (c.Value, c.Version)));
        var audit = await _hive.Audit.QueryAsync(new AuditQuery(Entity: $"memory/{Ns}/{Channel}/flaky"));
        Assert.Equal([("put", "0", "1"), ("put", "1", "2")], audit.Items.Reverse().Select(e => (e.Action, e.From, e.To)));
    }

    [Fact]
    public async Task Concurrent_writers_with_failing_writes_a_watcher_from_zero_sees_every_stored_version_once_in_revision_order()
    {
        const int writers = 4;
        for (var w = 0; w < writers; w++) await PutAsync($"writer-{w}", "-1");
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var watcher = CollectUntilAsync("sentinel", stop.Token);

        var failed = 0;
        var writes = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 15; i++)
            {
                try
                {
                    await PutAsync($"writer-{w}", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
                catch (Exception e) when (IsStorageUnavailable(e))
                {
                    Interlocked.Increment(ref failed);
                }
            }
        })).ToArray();
        await using (await StateRowLock.HoldAsync(_durable.DataSource, GrainKeys.MemoryKey(Ns, Channel, "writer-3")))
        {
            await Task.Delay(TimeSpan.FromSeconds(3));
        }
        await Task.WhenAll(writes);
        await PutAsync("sentinel", "true");
        var seen = await watcher;

        Assert.True(failed > 0, "No write failed, so the test proved nothing.");
        var revisions = seen.Select(c => c.Revision).ToArray();
        Assert.Equal(revisions.Order(), revisions);
        Assert.Equal(revisions.Length, revisions.Distinct().Count());
        for (var w = 0; w < writers; w++)
        {
            var current = (await _hive.Memory.GetAsync(Ns, Channel, $"writer-{w}"))!;
            var versions = seen.Where(c => c.Key == $"writer-{w}").ToArray();
            Assert.Equal(Enumerable.Range(1, (int)current.Version).Select(v => (long)v), versions.Select(c => c.Version));
            Assert.Equal(current.Value, versions[^1].Value);
        }
        Assert.Equal(0L, await _durable.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM hive_memory_changes WHERE channel = '{Ns}/{Channel}' AND kind >= 0") - seen.Count);
    }

    /// <summary>Orleans hands a grain storage's exception on wrapped; the Hive error is inside.</summary>
    private static bool IsStorageUnavailable(Exception e) =>
        (e as HiveException ?? e.InnerException as HiveException)?.Code == HiveErrorCodes.StorageUnavailable;

    private Task<MemoryEntry> PutAsync(string key, string value, long? expectedVersion = null) =>
        _durable.Cluster.Client.GetGrain<IMemoryKeyGrain>(GrainKeys.MemoryKey(Ns, Channel, key)).Put(value, "reliability-engineer", expectedVersion, null);

    private async Task<IReadOnlyList<MemoryChange>> WatchAllAsync() =>
        (await _durable.Cluster.Client.GetGrain<IMemoryChannelGrain>(GrainKeys.MemoryChannel(Ns, Channel))
            .Watch(0, MemoryLimits.MaxWatchChanges, TimeSpan.Zero)).Changes;

    private async Task<List<MemoryChange>> CollectUntilAsync(string lastKey, CancellationToken cancellationToken)
    {
        var seen = new List<MemoryChange>();
        await foreach (var e in _hive.Memory.WatchAsync(Ns, Channel, 0, cancellationToken))
        {
            Assert.Equal(MemoryWatchEventKind.Change, e.Kind);
            seen.Add(e.Change!);
            if (e.Change!.Key == lastKey) break;
        }
        return seen;
    }
}
