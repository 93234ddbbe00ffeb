using Hive.Agents;
using Hive.Tasks;

namespace Hive.Tests.Durable;

/// <summary>
/// Integration (real PostgreSQL): the key collisions the ADO.NET provider invites cannot happen in Hive.
/// It folds a string key that parses as hexadecimal onto an integer key, and it keys rows by state name,
/// so without kind-prefixed keys and per-class state names these grains would overwrite each other.
/// </summary>
[Trait("Category", "Durable")]
[Collection(PostgresClusterCollection.Name)]
public sealed class KeyCollisionTests(PostgresClusterFixture fixture)
{
    [Fact]
    public async Task Ids_that_read_as_the_same_hex_number_are_three_agents_with_their_own_state()
    {
        // A unique hex suffix keeps reruns apart; every id below still parses as the same hexadecimal number.
        var n = Random.Shared.Next(0x100, 0xfff).ToString("x3", System.Globalization.CultureInfo.InvariantCulture);
        string[] ids = [$"c{n}", $"C{n.ToUpperInvariant()}", $"00c{n}"];

        foreach (var id in ids) await fixture.Hive.Agents.RegisterAsync(new AgentSpec(id, "agent " + id, ["tester"]));

        foreach (var id in ids) Assert.Equal("agent " + id, (await fixture.Hive.Agents.GetAsync(id)).Spec.DisplayName);
        foreach (var id in ids) Assert.Equal("agent " + id, (await StoredAsync<AgentState>("agent", GrainKeys.Agent(id))).Spec!.DisplayName);
        Assert.Equal(3L, await fixture.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM hive_grain_state WHERE state_name = 'agent' AND key_string IN ({string.Join(", ", ids.Select(i => $"'agent/{i}'"))})"));
    }

    [Fact]
    public async Task One_id_used_by_an_agent_and_by_a_task_keeps_two_rows()
    {
        var id = "shared-" + Guid.NewGuid().ToString("N")[..8];

        await fixture.Hive.Agents.RegisterAsync(new AgentSpec(id, "the agent", ["tester"]));
        await fixture.Hive.Tasks.CreateAsync(new TaskSpec(id, "the task", "test", PrimaryRole: "tester"), actor: "planner");

        Assert.Equal("the agent", (await StoredAsync<AgentState>("agent", GrainKeys.Agent(id))).Spec!.DisplayName);
        Assert.Equal("the task", (await StoredAsync<TaskState>("task", GrainKeys.Task(id))).Spec!.Title);
        Assert.Equal(["agent:agent/" + id, "task:task/" + id], await RowsAsync(id));
    }

    /// <summary>Reads a grain's state through the storage provider, bypassing its activation.</summary>
    private async Task<T> StoredAsync<T>(string stateName, string key) where T : new()
    {
        var state = new GrainState<T>(new T());
        await fixture.Storage.ReadStateAsync(stateName, GrainId.Create("any", key), state);
        Assert.True(state.RecordExists, $"no stored {stateName} state for {key}");
        return state.State!;
    }

    private async Task<string[]> RowsAsync(string id)
    {
        await using var dataSource = fixture.Database.CreateDataSource();
        await using var command = dataSource.CreateCommand(
            $"SELECT state_name || ':' || key_string FROM hive_grain_state WHERE service_id = '{PostgresClusterFixture.ServiceId}' AND key_string LIKE '%/{id}' ORDER BY 1");
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return [.. rows];
    }
}
