namespace Hive.Tests.Cluster;

/// <summary>Single-process mode: a memory change reaches the log and the audit trail only when its state write is stored.</summary>
[Trait("Category", "Cluster")]
[Collection(FaultyStorageClusterCollection.Name)]
public sealed class MemoryWriteFailureTests(FaultyStorageClusterFixture hive)
{
    private readonly string _ns = HiveClusterFixture.NewId("failns");
    private readonly string _channel = HiveClusterFixture.NewId("failch");

    [Fact]
    public async Task A_failed_write_is_never_watched_and_its_version_is_not_reused()
    {
        Assert.Equal(1, (await PutAsync("flaky", "\"v1\"")).Version);
        FailWritesOf("flaky");
        await Assert.ThrowsAnyAsync<Exception>(() => PutAsync("flaky", "\"v2\""));
        hive.Storage.Fail = null;

        Assert.Equal(["\"v1\""], (await WatchAllAsync()).Select(c => c.Value));
        var conflict = await Assert.ThrowsAsync<HiveException>(() => PutAsync("flaky", "\"cas\"", expectedVersion: 2));
        Assert.Equal(HiveErrorCodes.Conflict, conflict.Code);

        var next = await PutAsync("flaky", "\"v3\"");
        Assert.Equal(2, next.Version);
        var changes = await WatchAllAsync();
        Assert.Equal([("\"v1\"", 1L), ("\"v3\"", 2L)], changes.Select(c => (c.Value, c.Version)));
        Assert.True(changes[1].Revision > changes[0].Revision);
    }

    [Fact]
    public async Task A_watcher_from_zero_sees_every_stored_change_once_in_revision_order_and_nothing_else()
    {
        var attempts = 0;
        var flaky = GrainKeys.MemoryKey(_ns, _channel, "writer-3");
        hive.Storage.Fail = id => id.Key.ToString() == flaky && Interlocked.Increment(ref attempts) % 3 == 0;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var watcher = CollectUntilAsync("sentinel", stop.Token);

        var stored = new List<MemoryEntry>();
        var failed = 0;
        await Task.WhenAll(Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 20; i++)
            {
                try
                {
                    var entry = await PutAsync($"writer-{w}", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    lock (stored) stored.Add(entry);
                }
                catch (Exception e) when (e is not HiveException { Code: HiveErrorCodes.Conflict })
                {
                    Interlocked.Increment(ref failed);
                }
            }
        })));
        hive.Storage.Fail = null;
        await PutAsync("sentinel", "true");
        var seen = await watcher;

        Assert.True(failed > 0, "No write failed, so the test proved nothing.");
        var revisions = seen.Select(c => c.Revision).ToArray();
        Assert.Equal(revisions.Order(), revisions);
        Assert.Equal(revisions.Length, revisions.Distinct().Count());
        Assert.Equal(
            stored.Select(e => (e.Key, e.Version, e.Value, e.Revision)).Order(),
            seen.Where(c => c.Key != "sentinel").Select(c => (c.Key, c.Version, c.Value!, c.Revision)).Order());
    }

    [Fact]
    public async Task Each_put_and_delete_leaves_exactly_one_audit_event_and_a_failed_one_none()
    {
        await PutAsync("audited", "1", author: "reliability-1");
        await PutAsync("audited", "2", author: "reliability-2");
        FailWritesOf("audited");
        await Assert.ThrowsAnyAsync<Exception>(() => PutAsync("audited", "3"));
        hive.Storage.Fail = null;
        Assert.True(await hive.Hive.Memory.DeleteAsync(_ns, _channel, "audited", "security-1"));

        var events = (await hive.Audit.QueryAsync(new AuditQuery(Entity: $"memory/{_ns}/{_channel}/audited"))).Items.Reverse().ToArray();

        Assert.Equal(
            [("reliability-1", "put", "0", "1"), ("reliability-2", "put", "1", "2"), ("security-1", "delete", "2", "3")],
            events.Select(e => (e.Actor, e.Action, e.From, e.To)));
    }

    private void FailWritesOf(string key)
    {
        var grainKey = GrainKeys.MemoryKey(_ns, _channel, key);
        hive.Storage.Fail = id => id.Key.ToString() == grainKey;
    }

    private Task<MemoryEntry> PutAsync(string key, string value, long? expectedVersion = null, string author = "reliability-engineer") =>
        hive.Hive.Memory.PutAsync(_ns, _channel, key, value, author, expectedVersion);

    private async Task<IReadOnlyList<MemoryChange>> WatchAllAsync() =>
        (await hive.Cluster.Client.GetGrain<IMemoryChannelGrain>(GrainKeys.MemoryChannel(_ns, _channel))
            .Watch(0, MemoryLimits.MaxWatchChanges, TimeSpan.Zero)).Changes;

    private async Task<List<MemoryChange>> CollectUntilAsync(string lastKey, CancellationToken cancellationToken)
    {
        var seen = new List<MemoryChange>();
        await foreach (var e in hive.Hive.Memory.WatchAsync(_ns, _channel, 0, cancellationToken))
        {
            Assert.Equal(MemoryWatchEventKind.Change, e.Kind);
            seen.Add(e.Change!);
            if (e.Change!.Key == lastKey) break;
        }
        return seen;
    }
}
