namespace Hive.Tests.Fuzz;

/// <summary>A hive of its own for the fuzzer (its halts, pins and hostile entities touch no other test), with rate limits out of the way.</summary>
public class FuzzClusterFixture : HiveClusterFixture
{
    public FuzzClusterFixture()
        : this(onPostgres: false)
    {
    }

    protected FuzzClusterFixture(bool onPostgres)
        : base(onPostgres)
    {
    }

    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        foreach (var kind in Enum.GetNames<OperationKind>())
        {
            foreach (var buckets in new[] { "Buckets", "SiloBuckets" })
            {
                settings[$"Hive:RateLimits:{buckets}:{kind}:PermitsPerSecond"] = "1000000";
                settings[$"Hive:RateLimits:{buckets}:{kind}:Burst"] = "10000000";
            }
        }
        return settings;
    }
}

[CollectionDefinition(Name)]
public sealed class FuzzCollection : ICollectionFixture<FuzzClusterFixture>
{
    public const string Name = "fuzz";
}
