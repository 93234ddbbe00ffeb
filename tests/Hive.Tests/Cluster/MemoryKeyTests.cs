namespace Hive.Tests.Cluster;

public abstract class MemoryKeyTests(HiveClusterFixture hive)
{
    private const string Key = "circuit_breaker_status";

    [Fact]
    public async Task Put_get_delete_round_trip_tracks_versions_and_author()
    {
        var space = new MemoryTestSpace(hive);
        Assert.Null(await space.Memory.GetAsync(space.Ns, space.Channel, Key));

        var first = await space.PutAsync(Key, """{"state":"closed"}""", author: "reliability-engineer");
        Assert.Equal((1L, "reliability-engineer", """{"state":"closed"}"""), (first.Version, first.Author, first.Value));
        Assert.Equal(hive.Time.GetUtcNow(), first.UpdatedAt);
        Assert.Null(first.ExpiresAt);

        var second = await space.PutAsync(Key, """{"state":"open"}""", author: "security-manager");
        Assert.Equal(2, second.Version);
        Assert.True(second.Revision > first.Revision);
        Assert.Equal(second, await space.Memory.GetAsync(space.Ns, space.Channel, Key));

        Assert.True(await space.Memory.DeleteAsync(space.Ns, space.Channel, Key, "deployment-coordinator"));
        Assert.Null(await space.Memory.GetAsync(space.Ns, space.Channel, Key));
        Assert.False(await space.Memory.DeleteAsync(space.Ns, space.Channel, Key, "deployment-coordinator"));

        // Versions are never reused: re-creating after a delete goes on from the delete's version.
        var again = await space.PutAsync(Key, "\"half-open\"");
        Assert.Equal(4, again.Version);
        var log = await space.LogAsync();
        Assert.Equal(
            [(MemoryChangeKind.Put, 1L, "reliability-engineer"), (MemoryChangeKind.Put, 2L, "security-manager"),
             (MemoryChangeKind.Delete, 3L, "deployment-coordinator"), (MemoryChangeKind.Put, 4L, "reliability-engineer")],
            log.Select(c => (c.Kind, c.Version, c.Author)));
    }

    [Fact]
    public async Task Stale_compare_and_set_is_a_conflict_carrying_the_current_version_and_changes_nothing()
    {
        var space = new MemoryTestSpace(hive);
        await space.PutAsync(Key, "1");
        var current = await space.PutAsync(Key, "2");

        var e = await Assert.ThrowsAsync<HiveException>(() => space.Memory.CompareAndSetAsync(space.Ns, space.Channel, Key, "3", "writer", 1));

        Assert.Equal(HiveErrorCodes.Conflict, e.Code);
        Assert.Equal(2, e.CurrentVersion);
        Assert.Contains("Re-read", e.Message, StringComparison.Ordinal);
        Assert.Equal(current, await space.Memory.GetAsync(space.Ns, space.Channel, Key));
        Assert.Equal(2, (await space.LogAsync()).Count);
        Assert.Equal(3, (await space.Memory.CompareAndSetAsync(space.Ns, space.Channel, Key, "3", "writer", 2)).Version);
    }

    [Fact]
    public async Task Create_only_and_versioned_writes_treat_an_absent_key_as_version_zero()
    {
        var space = new MemoryTestSpace(hive);
        Assert.Equal(1, (await space.PutAsync("agent_task_1", "\"claimed\"", expectedVersion: 0)).Version);

        var exists = await Assert.ThrowsAsync<HiveException>(() => space.PutAsync("agent_task_1", "\"again\"", expectedVersion: 0));
        Assert.Equal((HiveErrorCodes.Conflict, 1L), (exists.Code, exists.CurrentVersion));

        var staleDelete = await Assert.ThrowsAsync<HiveException>(() => space.Memory.DeleteAsync(space.Ns, space.Channel, "agent_task_1", "writer", 7));
        Assert.Equal((HiveErrorCodes.Conflict, 1L), (staleDelete.Code, staleDelete.CurrentVersion));
        Assert.True(await space.Memory.DeleteAsync(space.Ns, space.Channel, "agent_task_1", "writer", 1));

        var gone = await Assert.ThrowsAsync<HiveException>(() => space.PutAsync("agent_task_1", "\"late\"", expectedVersion: 2));
        Assert.Equal((HiveErrorCodes.Conflict, 0L), (gone.Code, gone.CurrentVersion));
        Assert.Equal(3, (await space.PutAsync("agent_task_1", "\"reclaimed\"", expectedVersion: 0)).Version);
    }

    [Fact]
    public async Task Oversized_value_is_rejected_naming_the_limit_and_changes_nothing()
    {
        var space = new MemoryTestSpace(hive);
        var kept = await space.PutAsync(Key, "\"small\"");
        var huge = "\"" + new string('x', 65_536) + "\"";

        var e = await Assert.ThrowsAsync<HiveException>(() => space.PutAsync(Key, huge));

        Assert.Equal(HiveErrorCodes.Validation, e.Code);
        Assert.Contains("65536 bytes", e.Message, StringComparison.Ordinal);
        Assert.Contains("Hive:Memory:MaxValueBytes", e.Message, StringComparison.Ordinal);
        Assert.Equal(kept, await space.Memory.GetAsync(space.Ns, space.Channel, Key));
        Assert.Single(await space.LogAsync());
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"open\": true")]
    [InlineData("")]
    [InlineData("{'single': 'quotes'}")]
    public async Task Invalid_json_is_rejected_and_changes_nothing(string value)
    {
        var space = new MemoryTestSpace(hive);

        var e = await Assert.ThrowsAsync<HiveException>(() => space.PutAsync(Key, value));

        Assert.Equal(HiveErrorCodes.Validation, e.Code);
        Assert.Contains("not valid JSON", e.Message, StringComparison.Ordinal);
        Assert.Null(await space.Memory.GetAsync(space.Ns, space.Channel, Key));
        Assert.Empty(await space.LogAsync());
    }

    [Fact]
    public async Task Bad_ids_time_to_live_and_versions_are_validation_errors()
    {
        var space = new MemoryTestSpace(hive);
        Task<HiveException> Rejects(Func<Task> call) => Assert.ThrowsAsync<HiveException>(call);

        Assert.Contains("Key", (await Rejects(() => space.PutAsync("has space", "1"))).Message, StringComparison.Ordinal);
        Assert.Contains("Namespace", (await Rejects(() => space.Memory.GetAsync("a/b", space.Channel, Key))).Message, StringComparison.Ordinal);
        Assert.Contains("Author", (await Rejects(() => space.PutAsync(Key, "1", author: ""))).Message, StringComparison.Ordinal);
        Assert.Contains("30 days", (await Rejects(() => space.PutAsync(Key, "1", ttl: TimeSpan.FromDays(31)))).Message, StringComparison.Ordinal);
        Assert.Contains("positive", (await Rejects(() => space.PutAsync(Key, "1", ttl: TimeSpan.Zero))).Message, StringComparison.Ordinal);
        Assert.Equal(HiveErrorCodes.Validation, (await Rejects(() => space.PutAsync(Key, "1", expectedVersion: -1))).Code);
        Assert.Null(await space.Memory.GetAsync(space.Ns, space.Channel, Key));
    }
}

[Trait("Category", "Cluster")]
[Collection(HiveClusterCollection.Name)]
public sealed class MemoryKeyTestsInMemory(HiveClusterFixture hive) : MemoryKeyTests(hive);
