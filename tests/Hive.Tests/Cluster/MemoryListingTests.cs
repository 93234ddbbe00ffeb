namespace Hive.Tests.Cluster;

public abstract class MemoryListingTests(HiveClusterFixture hive)
{
    [Fact]
    public async Task Keys_are_listed_in_pages_ordered_by_key_without_deleted_or_expired_ones()
    {
        var space = new MemoryTestSpace(hive);
        foreach (var key in new[] { "k3", "k1", "k5", "k2", "k4", "k0-deleted", "k6-expiring" })
            await space.PutAsync(key, "true", ttl: key == "k6-expiring" ? TimeSpan.FromMinutes(1) : null, author: "documentation");
        await space.Memory.DeleteAsync(space.Ns, space.Channel, "k0-deleted", "documentation");
        hive.Advance(TimeSpan.FromMinutes(1));

        var pages = new List<IReadOnlyList<MemoryKeySummary>>();
        string? token = null;
        do
        {
            var page = await space.Memory.ListKeysAsync(space.Ns, space.Channel, pageSize: 2, pageToken: token);
            pages.Add(page.Items);
            token = page.NextPageToken;
        }
        while (token is not null && pages.Count < 10);

        Assert.Equal(["k1,k2", "k3,k4", "k5"], pages.Select(p => string.Join(",", p.Select(k => k.Key))));
        Assert.All(pages.SelectMany(p => p), k => Assert.Equal((1L, "documentation", (DateTimeOffset?)null), (k.Version, k.Author, k.ExpiresAt)));
    }

    [Fact]
    public async Task Channels_of_a_namespace_are_listed_in_pages_ordered_by_name()
    {
        var ns = HiveClusterFixture.NewId("phase4_swarm");
        string[] channels = ["security", "deployment", "reliability"];
        foreach (var channel in channels)
            await hive.Hive.Memory.PutAsync(ns, channel, "circuit_breaker_status", "\"closed\"", "reliability-engineer");
        await hive.Hive.Memory.PutAsync(HiveClusterFixture.NewId("other_swarm"), "elsewhere", "k", "1", "reliability-engineer");

        var first = await hive.Hive.Memory.ListChannelsAsync(ns, pageSize: 2);
        var second = await hive.Hive.Memory.ListChannelsAsync(ns, pageSize: 2, pageToken: first.NextPageToken);

        Assert.Equal(["deployment", "reliability"], first.Items.Select(c => c.Channel));
        Assert.Equal(["security"], second.Items.Select(c => c.Channel));
        Assert.Null(second.NextPageToken);
        Assert.All(first.Items.Concat(second.Items), c => Assert.Equal(ns, c.Namespace));
    }

    [Fact]
    public async Task Listing_rejects_bad_ids_and_page_tokens()
    {
        var space = new MemoryTestSpace(hive);
        var badNamespace = await Assert.ThrowsAsync<HiveException>(() => space.Memory.ListKeysAsync("no/slash", space.Channel));
        var badToken = await Assert.ThrowsAsync<HiveException>(() => space.Memory.ListChannelsAsync(space.Ns, pageToken: "../etc"));
        var badSize = await Assert.ThrowsAsync<HiveException>(() => space.Memory.ListKeysAsync(space.Ns, space.Channel, pageSize: 0));

        Assert.All([badNamespace, badToken, badSize], e => Assert.Equal(HiveErrorCodes.Validation, e.Code));
    }
}

[Trait("Category", "Cluster")]
[Collection(HiveClusterCollection.Name)]
public sealed class MemoryListingTestsInMemory(HiveClusterFixture hive) : MemoryListingTests(hive);
