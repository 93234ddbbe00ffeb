using Hive.Agents;
using Orleans.Storage;

namespace Hive.Tests.Durable;

/// <summary>
/// Integration (real PostgreSQL): both grain-state writers — Hive's batched one and Orleans' ADO.NET provider on the
/// queries in 0001_grain_state.sql — honour one contract on the same rows: versions grow by one, a stale version is a
/// conflict, a clear is versioned.
/// </summary>
[Trait("Category", "Durable")]
[Collection(PostgresClusterCollection.Name)]
public sealed class GrainStorageContractTests(PostgresClusterFixture fixture)
{
    private const string StateName = "agent";

    public static TheoryData<string> Writers => [HiveStorage.Name, PostgresClusterFixture.AdoNetStorage];

    private IGrainStorage _storage = fixture.Storage;

    [Theory]
    [MemberData(nameof(Writers))]
    public async Task First_write_creates_version_1_and_a_read_returns_it(string writer)
    {
        _storage = fixture.StorageNamed(writer);
        var id = NewGrainId();
        var written = State("first");

        await _storage.WriteStateAsync(StateName, id, written);
        var read = await ReadAsync(id);

        Assert.Equal("1", written.ETag);
        Assert.True(written.RecordExists);
        Assert.Equal("1", read.ETag);
        Assert.True(read.RecordExists);
        Assert.Equal("first", read.State!.Spec!.DisplayName);
    }

    [Theory]
    [MemberData(nameof(Writers))]
    public async Task A_grain_that_never_wrote_reads_as_empty_with_no_version(string writer)
    {
        _storage = fixture.StorageNamed(writer);
        var read = await ReadAsync(NewGrainId());

        Assert.Null(read.ETag);
        Assert.False(read.RecordExists);
        Assert.Null(read.State!.Spec);
    }

    [Theory]
    [MemberData(nameof(Writers))]
    public async Task Each_write_with_the_current_version_moves_it_on_by_one(string writer)
    {
        _storage = fixture.StorageNamed(writer);
        var id = NewGrainId();
        var state = State("v1");
        await _storage.WriteStateAsync(StateName, id, state);

        state.State!.Spec = state.State!.Spec! with { DisplayName = "v2" };
        await _storage.WriteStateAsync(StateName, id, state);
        state.State!.Spec = state.State!.Spec with { DisplayName = "v3" };
        await _storage.WriteStateAsync(StateName, id, state);

        var read = await ReadAsync(id);
        Assert.Equal("3", state.ETag);
        Assert.Equal(("3", "v3"), (read.ETag, read.State!.Spec!.DisplayName));
    }

    [Theory]
    [MemberData(nameof(Writers))]
    public async Task A_write_with_a_stale_version_is_a_conflict_and_changes_nothing(string writer)
    {
        _storage = fixture.StorageNamed(writer);
        var id = NewGrainId();
        var current = State("current");
        await _storage.WriteStateAsync(StateName, id, current);
        var stale = await ReadAsync(id);
        await _storage.WriteStateAsync(StateName, id, current);

        stale.State!.Spec = stale.State!.Spec! with { DisplayName = "stale" };
        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync(StateName, id, stale));

        var read = await ReadAsync(id);
        Assert.Equal(("2", "current"), (read.ETag, read.State!.Spec!.DisplayName));
    }

    [Theory]
    [MemberData(nameof(Writers))]
    public async Task A_second_first_write_is_a_conflict_so_two_activations_cannot_both_create_a_grain(string writer)
    {
        _storage = fixture.StorageNamed(writer);
        var id = NewGrainId();
        await _storage.WriteStateAsync(StateName, id, State("winner"));

        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync(StateName, id, State("loser")));

        Assert.Equal("winner", (await ReadAsync(id)).State!.Spec!.DisplayName);
    }

    [Theory]
    [MemberData(nameof(Writers))]
    public async Task Concurrent_first_writes_let_exactly_one_win(string writer)
    {
        _storage = fixture.StorageNamed(writer);
        var id = NewGrainId();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            try
            {
                await _storage.WriteStateAsync(StateName, id, State($"writer-{i}"));
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        }));

        Assert.Single(outcomes, won => won);
        Assert.Equal("1", (await ReadAsync(id)).ETag);
    }

    [Theory]
    [MemberData(nameof(Writers))]
    public async Task Clear_empties_the_state_with_a_new_version_and_a_stale_clear_is_a_conflict(string writer)
    {
        _storage = fixture.StorageNamed(writer);
        var id = NewGrainId();
        var state = State("to-clear");
        await _storage.WriteStateAsync(StateName, id, state);
        var stale = await ReadAsync(id);

        await _storage.ClearStateAsync(StateName, id, state);
        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.ClearStateAsync(StateName, id, stale));

        var read = await ReadAsync(id);
        Assert.Equal("2", state.ETag);
        Assert.False(state.RecordExists);
        Assert.Equal("2", read.ETag);
        Assert.Null(read.State!.Spec);
        Assert.Equal("to-clear", stale.State!.Spec!.DisplayName);
    }

    [Theory]
    [MemberData(nameof(Writers))]
    public async Task A_write_after_a_clear_continues_the_version_sequence(string writer)
    {
        _storage = fixture.StorageNamed(writer);
        var id = NewGrainId();
        var state = State("before");
        await _storage.WriteStateAsync(StateName, id, state);
        await _storage.ClearStateAsync(StateName, id, state);

        state.State = State("after").State;
        await _storage.WriteStateAsync(StateName, id, state);

        var read = await ReadAsync(id);
        Assert.Equal(("3", "after"), (read.ETag, read.State!.Spec!.DisplayName));
    }

    private static GrainId NewGrainId() => GrainId.Create("contract", GrainKeys.Agent("contract-" + Guid.NewGuid().ToString("N")[..8]));

    private static GrainState<AgentState> State(string displayName) =>
        new(new AgentState { Spec = new AgentSpec("contract", displayName, ["tester"]), Status = AgentStatus.Registered });

    private async Task<GrainState<AgentState>> ReadAsync(GrainId id)
    {
        var state = new GrainState<AgentState>(new AgentState());
        await _storage.ReadStateAsync(StateName, id, state);
        return state;
    }
}
