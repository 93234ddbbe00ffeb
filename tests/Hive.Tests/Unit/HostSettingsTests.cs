using Hive.Silo.Hosting;
using Microsoft.Extensions.Configuration;

namespace Hive.Tests.Unit;

/// <summary>What the silo makes of its settings before it touches any service.</summary>
public sealed class HostSettingsTests
{
    [Fact]
    public void No_settings_mean_one_in_memory_silo_on_localhost()
    {
        var settings = Read([]);

        Assert.Empty(settings.Problems);
        Assert.Equal((StorageMode.InMemory, ClusteringMode.Localhost), (settings.Storage.Mode, settings.Clustering.Mode));
        Assert.Null(settings.Postgres);
        Assert.Null(settings.Redis);
    }

    [Fact]
    public void Durable_settings_describe_their_targets_without_the_passwords()
    {
        var settings = Read(new()
        {
            ["Hive:Storage:Mode"] = "Postgres",
            ["Hive:Storage:ConnectionString"] = "Host=db.internal;Port=5433;Database=hive;Username=silo;Password=pg-secret",
            ["Hive:Clustering:Mode"] = "Redis",
            ["Hive:Clustering:RedisConnectionString"] = "redis.internal:6380,password=redis-secret",
            ["Hive:Silo:AdvertisedIP"] = "10.1.2.3",
        });

        Assert.Empty(settings.Problems);
        Assert.Equal("silo@db.internal:5433/hive", settings.Postgres!.Display);
        Assert.Equal("redis.internal:6380", settings.Redis!.Display);
        Assert.Equal("10.1.2.3", settings.Silo.AdvertisedAddress.ToString());
    }

    [Fact]
    public void Each_bad_setting_is_one_problem_naming_its_key()
    {
        var settings = Read(new()
        {
            ["Hive:Storage:Mode"] = "Postgres",
            ["Hive:Storage:ConnectionString"] = "Database=hive",
            ["Hive:Clustering:Mode"] = "Redis",
            ["Hive:Clustering:RedisConnectionString"] = "password=only",
            ["Hive:Silo:AdvertisedIP"] = "pod-ip",
        });

        Assert.Equal(3, settings.Problems.Count);
        Assert.Contains(settings.Problems, p => p.StartsWith("Hive:Silo:AdvertisedIP 'pod-ip' must be an IP address", StringComparison.Ordinal));
        Assert.Contains(settings.Problems, p => p.StartsWith("Hive:Storage:ConnectionString (or HIVE_POSTGRES) names no Host", StringComparison.Ordinal));
        Assert.Contains(settings.Problems, p => p.StartsWith("Hive:Clustering:RedisConnectionString (or HIVE_REDIS) names no endpoint", StringComparison.Ordinal));
    }

    private static HostSettings Read(Dictionary<string, string?> values) =>
        HostSettings.Read(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
}
