namespace Hive.Tests.Cluster;

/// <summary>Namespaces are listed once each, however many channels they have, page by page.</summary>
public abstract class MemoryNamespaceListingTests(HiveClusterFixture hive)
{
    [Fact]
    public async Task Every_namespace_with_a_channel_is_listed_once_across_pages()
    {
        var prefix = HiveClusterFixture.NewId("nsl");
        string[] names = [prefix + "-a", prefix + "-b", prefix + "-c"];
        foreach (var ns in names)
        {
            foreach (var channel in new[] { "one", "two", "three" }) await hive.Hive.Memory.PutAsync(ns, channel, "k", "1", "tester");
        }

        var seen = new List<string>();
        string? token = null;
        do
        {
            var page = await hive.Hive.Memory.ListNamespacesAsync(2, token);
            Assert.InRange(page.Items.Count, 0, 2);
            seen.AddRange(page.Items);
            token = page.NextPageToken;
        }
        while (token is not null);

        Assert.Equal(names, seen.Where(n => n.StartsWith(prefix, StringComparison.Ordinal)));
        Assert.Equal(seen.Count, seen.Distinct(StringComparer.Ordinal).Count());
    }
}

[Trait("Category", "Cluster")]
[Collection(HiveClusterCollection.Name)]
public sealed class MemoryNamespaceListingTestsInMemory(HiveClusterFixture hive) : MemoryNamespaceListingTests(hive);
