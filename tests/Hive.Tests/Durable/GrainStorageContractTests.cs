using Hive.Agents;
using Orleans.Storage;

namespace Hive.Tests.Durable;

/// <summary>
/// Integration (real PostgreSQL): the queries in 0001_grain_state.sql honour the ADO.NET provider's contract,
/// driven through the provider itself: versions grow by one, a stale version is a conflict, a clear is versioned.
/// </summary>
[Collection(PostgresClusterCollection.Name)]
public sealed class GrainStorageContractTests(PostgresClusterFixture fixture)
{
    private const string StateName = "agent";

    [Fact]
    public async Task First_write_creates_version_1_and_a_read_returns_it()
    {
        var id = NewGrainId();
        var written = State("first");

        await fixture.Storage.WriteStateAsync(StateName, id, written);
        var read = await ReadAsync(id);

        Assert.Equal("1", written.ETag);
        Assert.True(written.RecordExists);
        Assert.Equal("1", read.ETag);
        Assert.True(read.RecordExists);
        Assert.Equal("first", read.State!.Spec!.DisplayName);
    }

    [Fact]
    public async Task A_grain_that_never_wrote_reads_as_empty_with_no_version()
    {
        var read = await ReadAsync(NewGrainId());

        Assert.Null(read.ETag);
        Assert.False(read.RecordExists);
        Assert.Null(read.State!.Spec);
    }

    [Fact]
    public async Task Each_write_with_the_current_version_moves_it_on_by_one()
    {
        var id = NewGrainId();
        var state = State("v1");
        await fixture.Storage.WriteStateAsync(StateName, id, state);

        state.State!.Spec = state.State!.Spec! with { DisplayName = "v2" };
        await fixture.Storage.WriteStateAsync(StateName, id, state);
        state.State!.Spec = state.State!.Spec with { DisplayName = "v3" };
        await fixture.Storage.WriteStateAsync(StateName, id, state);

        var read = await ReadAsync(id);
        Assert.Equal("3", state.ETag);
        Assert.Equal(("3", "v3"), (read.ETag, read.State!.Spec!.DisplayName));
    }

    [Fact]
    public async Task A_write_with_a_stale_version_is_a_conflict_and_changes_nothing()
    {
        var id = NewGrainId();
        var current = State("current");
        await fixture.Storage.WriteStateAsync(StateName, id, current);
        var stale = await ReadAsync(id);
        await fixture.Storage.WriteStateAsync(StateName, id, current);

        stale.State!.Spec = stale.State!.Spec! with { DisplayName = "stale" };
        await Assert.ThrowsAsync<InconsistentStateException>(() => fixture.Storage.WriteStateAsync(StateName, id, stale));

        var read = await ReadAsync(id);
        Assert.Equal(("2", "current"), (read.ETag, read.State!.Spec!.DisplayName));
    }

    [Fact]
    public async Task A_second_first_write_is_a_conflict_so_two_activations_cannot_both_create_a_grain()
    {
        var id = NewGrainId();
        await fixture.Storage.WriteStateAsync(StateName, id, State("winner"));

        await Assert.ThrowsAsync<InconsistentStateException>(() => fixture.Storage.WriteStateAsync(StateName, id, State("loser")));

        Assert.Equal("winner", (await ReadAsync(id)).State!.Spec!.DisplayName);
    }

    [Fact]
    public async Task Concurrent_first_writes_let_exactly_one_win()
    {
        var id = NewGrainId();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            try
            {
                await fixture.Storage.WriteStateAsync(StateName, id, State($"writer-{i}"));
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

    [Fact]
    public async Task Clear_empties_the_state_with_a_new_version_and_a_stale_clear_is_a_conflict()
    {
        var id = NewGrainId();
        var state = State("to-clear");
        await fixture.Storage.WriteStateAsync(StateName, id, state);
        var stale = await ReadAsync(id);

        await fixture.Storage.ClearStateAsync(StateName, id, state);
        await Assert.ThrowsAsync<InconsistentStateException>(() => fixture.Storage.ClearStateAsync(StateName, id, stale));

        var read = await ReadAsync(id);
        Assert.Equal("2", state.ETag);
        Assert.False(state.RecordExists);
        Assert.Equal("2", read.ETag);
        Assert.Null(read.State!.Spec);
        Assert.Equal("to-clear", stale.State!.Spec!.DisplayName);
    }

    [Fact]
    public async Task A_write_after_a_clear_continues_the_version_sequence()
    {
        var id = NewGrainId();
        var state = State("before");
        await fixture.Storage.WriteStateAsync(StateName, id, state);
        await fixture.Storage.ClearStateAsync(StateName, id, state);

        state.State = State("after").State;
        await fixture.Storage.WriteStateAsync(StateName, id, state);

        var read = await ReadAsync(id);
        Assert.Equal(("3", "after"), (read.ETag, read.State!.Spec!.DisplayName));
    }

    [Fact]
    public async Task With_delete_on_clear_the_row_goes_and_the_next_write_starts_again_at_version_1()
    {
        var storage = fixture.StorageNamed(PostgresClusterFixture.DeletingStorage);
        var id = NewGrainId();
        var state = State("to-delete");
        await storage.WriteStateAsync(StateName, id, state);
        var stale = await ReadAsync(id);
        state.State!.Spec = state.State.Spec! with { DisplayName = "moved-on" };
        await storage.WriteStateAsync(StateName, id, state);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(StateName, id, stale));
        await storage.ClearStateAsync(StateName, id, state);
        var afterClear = await ReadAsync(id);
        await storage.WriteStateAsync(StateName, id, State("reborn"));

        Assert.False(state.RecordExists);
        Assert.False(afterClear.RecordExists);
        Assert.Null(afterClear.ETag);
        Assert.Equal(("1", "reborn"), ((await ReadAsync(id)).ETag, (await ReadAsync(id)).State!.Spec!.DisplayName));
    }

    private static GrainId NewGrainId() => GrainId.Create("contract", GrainKeys.Agent("contract-" + Guid.NewGuid().ToString("N")[..8]));

    private static GrainState<AgentState> State(string displayName) =>
        new(new AgentState { Spec = new AgentSpec("contract", displayName, ["tester"]), Status = AgentStatus.Registered });

    private async Task<GrainState<AgentState>> ReadAsync(GrainId id)
    {
        var state = new GrainState<AgentState>(new AgentState());
        await fixture.Storage.ReadStateAsync(StateName, id, state);
        return state;
    }
}
