using Orleans.Core.Internal;
using Orleans.Runtime;

namespace Hive.Tests.Cluster;

public abstract class MemoryExpiryTests(HiveClusterFixture hive)
{
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Expired_key_leaves_get_and_the_listing_at_once_and_its_removal_is_logged()
    {
        var space = new MemoryTestSpace(hive);
        var written = await space.PutAsync("agent_task_1", """{"holder":"a1"}""", ttl: Ttl);
        await space.PutAsync("circuit_breaker_status", "\"closed\"");
        Assert.Equal(hive.Time.GetUtcNow() + Ttl, written.ExpiresAt);
        Assert.Equal(2, (await space.Memory.ListKeysAsync(space.Ns, space.Channel)).Items.Count);

        hive.Advance(Ttl);

        Assert.Null(await space.Memory.GetAsync(space.Ns, space.Channel, "agent_task_1"));
        Assert.Equal(["circuit_breaker_status"], (await space.Memory.ListKeysAsync(space.Ns, space.Channel)).Items.Select(k => k.Key));
        var expire = await ExpireChangeAsync(space, "agent_task_1");
        Assert.Equal((2L, HiveStorage.SystemActor, (string?)null), (expire.Version, expire.Author, expire.Value));
        Assert.NotNull(await space.Memory.GetAsync(space.Ns, space.Channel, "circuit_breaker_status"));
    }

    [Fact]
    public async Task Key_expires_after_its_activation_is_lost()
    {
        var space = new MemoryTestSpace(hive);
        await space.PutAsync("agent_task_1", "\"claimed\"", ttl: Ttl);
        var grain = space.KeyGrain("agent_task_1");
        var id = grain.GetGrainId();
        var management = hive.Grains.GetGrain<IManagementGrain>(0);

        await hive.SiloGrains.GetGrain<IGrainManagementExtension>(id).DeactivateOnIdle();
        await HiveClusterFixture.Eventually(async () => !(await management.GetActiveGrains(id.Type)).Contains(id),
            "the key grain is no longer activated");
        hive.Advance(Ttl + TimeSpan.FromSeconds(1));

        // Nothing calls the key: only the sweeper, reading the catalog's wake time, can bring it back to expire.
        var expire = await ExpireChangeAsync(space, "agent_task_1");
        Assert.Equal(2, expire.Version);
        Assert.Empty((await space.Memory.ListKeysAsync(space.Ns, space.Channel)).Items);
        Assert.Null(await space.Memory.GetAsync(space.Ns, space.Channel, "agent_task_1"));
    }

    [Fact]
    public async Task Rewriting_without_a_ttl_keeps_the_value_past_the_old_expiry()
    {
        var space = new MemoryTestSpace(hive);
        await space.PutAsync("agent_task_1", "1", ttl: Ttl);
        var kept = await space.PutAsync("agent_task_1", "2");

        hive.Advance(Ttl * 2);

        Assert.Equal(kept, await space.Memory.GetAsync(space.Ns, space.Channel, "agent_task_1"));
        Assert.DoesNotContain(await space.LogAsync(), c => c.Kind == MemoryChangeKind.Expire);
    }

    [Fact]
    public async Task Writing_over_an_expired_value_logs_the_expiry_first()
    {
        var space = new MemoryTestSpace(hive);
        await space.PutAsync("agent_task_1", "\"a1\"", ttl: Ttl);
        hive.Advance(Ttl);

        var rewritten = await space.PutAsync("agent_task_1", "\"a2\"", expectedVersion: 0);

        Assert.Equal(3, rewritten.Version);
        Assert.Equal([MemoryChangeKind.Put, MemoryChangeKind.Expire, MemoryChangeKind.Put], (await space.LogAsync()).Select(c => c.Kind));
    }

    private static async Task<MemoryChange> ExpireChangeAsync(MemoryTestSpace space, string key)
    {
        MemoryChange? expire = null;
        await HiveClusterFixture.Eventually(async () =>
        {
            expire = (await space.LogAsync()).SingleOrDefault(c => c.Key == key && c.Kind == MemoryChangeKind.Expire);
            return expire is not null;
        }, $"the log records that {key} expired");
        return expire!;
    }
}

[Trait("Category", "Cluster")]
[Collection(HiveClusterCollection.Name)]
public sealed class MemoryExpiryTestsInMemory(HiveClusterFixture hive) : MemoryExpiryTests(hive);
