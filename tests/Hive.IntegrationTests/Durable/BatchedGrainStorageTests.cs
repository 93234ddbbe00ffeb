using Hive.Agents;
using Hive.Silo.Storage.GrainState;
using Orleans.Storage;

namespace Hive.Tests.Durable;

/// <summary>
/// Integration (real PostgreSQL): what Hive's batched grain-state writer adds to the contract both writers share —
/// writes of many grains commit together, a stale write fails alone, both writers read each other's rows, and a batch
/// retried after its commit was lost confirms its writes instead of calling them conflicts.
/// </summary>
[Trait("Category", "Durable")]
[Collection(PostgresClusterCollection.Name)]
public sealed class BatchedGrainStorageTests(PostgresClusterFixture fixture)
{
    private const string StateName = "agent";

    private BatchedGrainStorage Batched => Assert.IsType<BatchedGrainStorage>(fixture.Storage);

    [Fact]
    public async Task Concurrent_writes_of_many_grains_share_batches_and_each_gets_its_own_version()
    {
        var ids = Enumerable.Range(0, 200).Select(_ => NewGrainId()).ToArray();
        var states = ids.Select(id => State("first " + id)).ToArray();
        var before = Batched.Committed;

        await Task.WhenAll(ids.Select((id, i) => Batched.WriteStateAsync(StateName, id, states[i])));

        var after = Batched.Committed;
        // The fixture's silo writes too (timers of earlier tests' grains), so the counts are compared, not pinned:
        // however many writes joined ours, fewer batches than writes means some of them shared a batch.
        var (batches, writes) = (after.Batches - before.Batches, after.Writes - before.Writes);
        Assert.True(writes >= 200, $"{writes} writes counted");
        Assert.True(batches >= 1 && batches < writes, $"{writes} writes went in {batches} batches");
        Assert.All(states, s => Assert.Equal("1", s.ETag));
        for (var i = 0; i < ids.Length; i += 20) Assert.Equal("first " + ids[i], (await ReadAsync(Batched, ids[i])).State!.Spec!.DisplayName);
    }

    [Fact]
    public async Task A_stale_write_fails_alone_and_the_writes_beside_it_land()
    {
        var contested = NewGrainId();
        var current = State("current");
        await Batched.WriteStateAsync(StateName, contested, current);
        var stale = await ReadAsync(Batched, contested);
        await Batched.WriteStateAsync(StateName, contested, current);
        var others = Enumerable.Range(0, 50).Select(_ => (Id: NewGrainId(), State: State("beside"))).ToArray();

        stale.State!.Spec = stale.State.Spec! with { DisplayName = "stale" };
        var staleWrite = Batched.WriteStateAsync(StateName, contested, stale);
        await Task.WhenAll(others.Select(o => Batched.WriteStateAsync(StateName, o.Id, o.State)));

        await Assert.ThrowsAsync<InconsistentStateException>(() => staleWrite);
        Assert.Equal(("2", "current"), ((await ReadAsync(Batched, contested)).ETag, (await ReadAsync(Batched, contested)).State!.Spec!.DisplayName));
        Assert.All(others, o => Assert.Equal("1", o.State.ETag));
    }

    [Fact]
    public async Task Each_writer_reads_and_continues_the_rows_of_the_other()
    {
        var adoNet = fixture.StorageNamed(PostgresClusterFixture.AdoNetStorage);
        var id = NewGrainId();
        var state = State("batched v1");

        await Batched.WriteStateAsync(StateName, id, state);
        var seenByAdoNet = await ReadAsync(adoNet, id);
        var adoNetSaw = (seenByAdoNet.ETag, seenByAdoNet.State!.Spec!.DisplayName);
        seenByAdoNet.State!.Spec = seenByAdoNet.State.Spec! with { DisplayName = "ado.net v2" };
        await adoNet.WriteStateAsync(StateName, id, seenByAdoNet);
        var seenByBatched = await ReadAsync(Batched, id);

        Assert.Equal(("1", "batched v1"), adoNetSaw);
        Assert.Equal(("2", "ado.net v2"), (seenByBatched.ETag, seenByBatched.State!.Spec!.DisplayName));
        await Assert.ThrowsAsync<InconsistentStateException>(() => Batched.WriteStateAsync(StateName, id, state));
    }

    [Fact]
    public async Task The_change_riding_with_a_write_commits_with_it_and_a_stale_write_publishes_nothing()
    {
        var id = "companion-" + Guid.NewGuid().ToString("N")[..8];
        var grain = GrainId.Create("batched", GrainKeys.Agent(id));
        var state = State("published");
        var current = new StateCompanions(Row(id, "Registered", 256), Audit(id, "registered"));
        var stale = new StateCompanions(Row(id, "Stale", 512), Audit(id, "stale-write"));

        await WriteRidingAsync(Batched, grain, state, current);
        var staleState = State("stale");
        await Assert.ThrowsAsync<InconsistentStateException>(() => WriteRidingAsync(Batched, grain, staleState, stale));

        Assert.True(current.Taken);
        Assert.Equal("Registered", await fixture.Database.ScalarAsync<string>($"SELECT status FROM hive_catalog WHERE id = '{id}'"));
        Assert.Equal("registered", await fixture.Database.ScalarAsync<string>($"SELECT string_agg(action, ',') FROM hive_audit WHERE entity = 'agent/{id}'"));
    }

    [Fact]
    public async Task A_write_whose_change_cannot_be_stored_fails_whole_and_stores_nothing()
    {
        var id = "companion-" + Guid.NewGuid().ToString("N")[..8];
        var grain = GrainId.Create("batched", GrainKeys.Agent(id));
        var unstorable = new StateCompanions(Row(id, "Registered", 256) with { Title = "a\0" }, Audit(id, "registered"));

        var e = await Assert.ThrowsAsync<HiveException>(() => WriteRidingAsync(Batched, grain, State("never stored"), unstorable));

        Assert.Equal(HiveErrorCodes.Validation, e.Code);
        Assert.False(unstorable.Taken);
        Assert.Null((await ReadAsync(Batched, grain)).ETag);
        Assert.Equal(0L, await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM hive_catalog WHERE id = '{id}'"));
        Assert.Equal(0L, await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM hive_audit WHERE entity = 'agent/{id}'"));
    }

    [Fact]
    public async Task A_memory_change_commits_with_its_write_and_one_whose_revision_is_taken_fails_its_write_alone()
    {
        var channel = "bgs/" + Guid.NewGuid().ToString("N")[..8];
        await fixture.Database.ExecuteAsync(
            $"INSERT INTO hive_memory_changes (channel, revision, key, kind, version, value, author, at) VALUES ('{channel}', 2, '', -1, 0, NULL, '', now())");
        var (taken, free) = (NewGrainId(), NewGrainId());

        var refused = WriteRidingAsync(Batched, taken, State("taken"), Riding(taken, channel, 2));
        var stored = WriteRidingAsync(Batched, free, State("free"), Riding(free, channel, 3));

        Assert.Equal(HiveErrorCodes.StorageUnavailable, (await Assert.ThrowsAsync<HiveException>(() => refused)).Code);
        await stored;
        Assert.False((await ReadAsync(Batched, taken)).RecordExists);
        Assert.Equal("free", (await ReadAsync(Batched, free)).State!.Spec!.DisplayName);
        Assert.Equal("2:-1,3:0", await fixture.Database.ScalarAsync<string>(
            $"SELECT string_agg(revision || ':' || kind, ',' ORDER BY revision) FROM hive_memory_changes WHERE channel = '{channel}'"));
    }

    [Fact]
    public async Task A_stale_write_leaves_its_memory_revision_a_skip_not_a_change()
    {
        var channel = "bgs/" + Guid.NewGuid().ToString("N")[..8];
        var id = NewGrainId();
        await WriteRidingAsync(Batched, id, State("current"), Riding(id, channel, 1));
        var stale = State("stale");

        await Assert.ThrowsAsync<InconsistentStateException>(() => WriteRidingAsync(Batched, id, stale, Riding(id, channel, 2)));

        Assert.Equal("1:0,2:-1", await fixture.Database.ScalarAsync<string>(
            $"SELECT string_agg(revision || ':' || kind, ',' ORDER BY revision) FROM hive_memory_changes WHERE channel = '{channel}'"));
    }

    [Fact]
    public async Task The_ado_net_writer_leaves_the_change_to_the_recorder()
    {
        var id = "companion-" + Guid.NewGuid().ToString("N")[..8];
        var companions = new StateCompanions(Row(id, "Registered", 256), Audit(id, "registered"));

        await WriteRidingAsync(fixture.StorageNamed(PostgresClusterFixture.AdoNetStorage), GrainId.Create("batched", GrainKeys.Agent(id)),
            State("ado.net"), companions);

        Assert.False(companions.Taken);
        Assert.Equal(0L, await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM hive_catalog WHERE id = '{id}'"));
    }

    [Fact]
    public async Task A_batch_retried_after_its_commit_landed_confirms_its_writes_and_still_refuses_other_payloads()
    {
        var key = GrainKeys.Agent("replay-" + Guid.NewGuid().ToString("N")[..8]);
        byte[] payload = [1, 2, 3];
        await using var dataSource = fixture.Database.CreateDataSource();

        var first = await WriteOnceAsync(dataSource, new StateWrite(StateName, key, payload, null));
        var replay = await WriteOnceAsync(dataSource, new StateWrite(StateName, key, payload, null));
        var rival = await WriteOnceAsync(dataSource, new StateWrite(StateName, key, [9], null));
        var next = await WriteOnceAsync(dataSource, new StateWrite(StateName, key, [4], 1));
        var nextReplay = await WriteOnceAsync(dataSource, new StateWrite(StateName, key, [4], 1));

        Assert.Equal([(1, false), (1, true), (null, false), (2, false), (2, true)], new[] { first, replay, rival, next, nextReplay });
        Assert.Equal(2L, await fixture.Database.ScalarAsync<long>(
            $"SELECT version::bigint FROM hive_grain_state WHERE state_name = '{StateName}' AND key_string = '{key}'"));
    }

    [Fact]
    public async Task A_purge_removes_the_state_row_with_its_catalog_row_and_a_stale_purge_changes_nothing()
    {
        var id = "purge-" + Guid.NewGuid().ToString("N")[..8];
        var grain = GrainId.Create("batched", GrainKeys.Agent(id));
        var state = State("to purge");
        await WriteRidingAsync(Batched, grain, state, new StateCompanions(Row(id, "Offline", 256), Audit(id, "registered")));
        var stale = await ReadAsync(Batched, grain);
        await Batched.WriteStateAsync(StateName, grain, state);

        var stalePurge = StateCompanions.Removal(Row(id, "Offline", 256), Audit(id, "stale-purge"));
        await Assert.ThrowsAsync<InconsistentStateException>(() => ClearRidingAsync(Batched, grain, stale, stalePurge));
        Assert.Equal((1L, 1L), await RowsAsync(id));

        var purge = StateCompanions.Removal(Row(id, "Offline", 512), Audit(id, "purged"));
        await ClearRidingAsync(Batched, grain, state, purge);

        Assert.True(purge.Taken);
        Assert.Equal((null, false), (state.ETag, state.RecordExists));
        Assert.Equal((0L, 0L), await RowsAsync(id));
        Assert.Equal("registered,purged", await fixture.Database.ScalarAsync<string>(
            $"SELECT string_agg(action, ',' ORDER BY seq) FROM hive_audit WHERE entity = 'agent/{id}'"));
        var again = State("from scratch");
        await Batched.WriteStateAsync(StateName, grain, again);
        Assert.Equal("1", again.ETag);
    }

    [Fact]
    public async Task A_removal_retried_after_its_commit_landed_is_confirmed_as_a_replay_and_a_stale_one_is_refused()
    {
        var key = GrainKeys.Agent("unreplay-" + Guid.NewGuid().ToString("N")[..8]);
        var other = GrainKeys.Agent("unreplay-" + Guid.NewGuid().ToString("N")[..8]);
        await using var dataSource = fixture.Database.CreateDataSource();
        await WriteOnceAsync(dataSource, new StateWrite(StateName, key, [1], null));
        await WriteOnceAsync(dataSource, new StateWrite(StateName, other, [1], null));

        var removed = await RemoveOnceAsync(dataSource, new StateWrite(StateName, key, null, 1, removes: true));
        var replay = await RemoveOnceAsync(dataSource, new StateWrite(StateName, key, null, 1, removes: true));
        var stale = await RemoveOnceAsync(dataSource, new StateWrite(StateName, other, null, 7, removes: true));

        Assert.Equal([(true, false), (true, true), (false, false)], new[] { removed, replay, stale });
        Assert.Equal(1L, await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM hive_grain_state WHERE key_string = '{other}'"));
    }

    private async Task<(long State, long Catalog)> RowsAsync(string id) => (
        await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM hive_grain_state WHERE key_string = 'agent/{id}'"),
        await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM hive_catalog WHERE id = '{id}'"));

    private static async Task ClearRidingAsync(BatchedGrainStorage storage, GrainId grain, GrainState<AgentState> state, StateCompanions companions)
    {
        StateCompanions.Current = companions;
        try
        {
            await storage.ClearStateAsync(StateName, grain, state);
        }
        finally
        {
            StateCompanions.Current = null;
        }
    }

    private static async Task<(bool Removed, bool Replayed)> RemoveOnceAsync(Npgsql.NpgsqlDataSource dataSource, StateWrite removal)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var results = await GrainStateSql.RemoveAsync(connection, transaction, PostgresClusterFixture.ServiceId, [removal], CancellationToken.None);
        await transaction.CommitAsync();
        return Assert.Single(results);
    }

    private static async Task WriteRidingAsync(IGrainStorage storage, GrainId grain, GrainState<AgentState> state, StateCompanions companions)
    {
        StateCompanions.Current = companions;
        try
        {
            await storage.WriteStateAsync(StateName, grain, state);
        }
        finally
        {
            StateCompanions.Current = null;
        }
    }

    private static CatalogEntry Row(string id, string status, long version) =>
        new(EntityKind.Agent, id, version, status, "agent " + id, null, null, ["tester"], null, 0, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, null);

    private static StateCompanions Riding(GrainId grain, string channel, long revision)
    {
        var id = grain.Key.ToString()!;
        var change = new Hive.Memory.MemoryChange(revision, "k", Hive.Memory.MemoryChangeKind.Put, revision, "1", "tester", DateTimeOffset.UtcNow);
        return new StateCompanions(Row(id, "Registered", revision), Audit(id, "put"), new Hive.Memory.MemoryLogEntry(channel, change));
    }

    private static Hive.Audit.AuditEvent Audit(string id, string action) =>
        new(DateTimeOffset.UtcNow, "tester", "agent/" + id, action, null, "Registered", null);

    private static async Task<(int? Version, bool Replayed)> WriteOnceAsync(Npgsql.NpgsqlDataSource dataSource, StateWrite write)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var versions = await GrainStateSql.WriteAsync(connection, transaction, PostgresClusterFixture.ServiceId, [write], CancellationToken.None);
        await transaction.CommitAsync();
        return Assert.Single(versions);
    }

    private static GrainId NewGrainId() => GrainId.Create("batched", GrainKeys.Agent("batched-" + Guid.NewGuid().ToString("N")[..8]));

    private static GrainState<AgentState> State(string displayName) =>
        new(new AgentState { Spec = new AgentSpec("batched", displayName, ["tester"]), Status = AgentStatus.Registered });

    private static async Task<GrainState<AgentState>> ReadAsync(IGrainStorage storage, GrainId id)
    {
        var state = new GrainState<AgentState>(new AgentState());
        await storage.ReadStateAsync(StateName, id, state);
        return state;
    }
}
