using Hive.Silo.Hosting;
using Microsoft.Extensions.Configuration;

namespace Hive.Tests.Unit;

/// <summary>What the silo makes of its settings before it touches any service.</summary>
[Trait("Category", "Unit")]
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

    [Fact]
    public void A_silo_listening_port_other_than_the_advertised_one_is_checked()
    {
        Assert.Empty(Read(new() { ["Hive:Silo:SiloListeningPort"] = "21111" }).Problems);
        Assert.Null(Read([]).Silo.SiloListeningPort);

        var bad = Read(new() { ["Hive:Silo:SiloListeningPort"] = "70000" });
        var clash = Read(new() { ["Hive:Silo:SiloListeningPort"] = "30000" });

        Assert.Contains(bad.Problems, p => p.StartsWith("Hive:Silo:SiloListeningPort must be 1–65535", StringComparison.Ordinal));
        Assert.Contains(clash.Problems, p => p.StartsWith("Hive:Silo:SiloListeningPort and GatewayPort must differ", StringComparison.Ordinal));
    }

    [Fact]
    public void The_Kubernetes_settings_reach_the_silo_and_HTTP_options()
    {
        var settings = Read(new()
        {
            ["Hive:Silo:SiloName"] = "hive-silo-5c7d8-x2x9q",
            ["Hive:Silo:ShutdownTimeout"] = "00:00:20",
            ["Hive:Http:Urls"] = "http://0.0.0.0:8080",
            ["Hive:Http:AdminToken"] = "0123456789abcdef0123456789abcdef",
            ["Hive:Http:DrainDelay"] = "00:00:05",
            ["Hive:Telemetry:OtlpEndpoint"] = "http://otel-collector:4317",
        });

        Assert.Empty(settings.Problems);
        Assert.Equal(("hive-silo-5c7d8-x2x9q", TimeSpan.FromSeconds(20)), (settings.Silo.SiloName, settings.Silo.ShutdownTimeout));
        Assert.Equal(["http://0.0.0.0:8080"], settings.Http.UrlList);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.Http.DrainDelay);
        Assert.True(settings.Telemetry.ExportsOtlp);
    }

    [Fact]
    public void HTTP_and_telemetry_problems_name_their_keys()
    {
        var settings = Read(new()
        {
            ["Hive:Silo:ShutdownTimeout"] = "00:00:10",
            ["Hive:Http:DrainDelay"] = "00:00:10",
            ["Hive:Telemetry:OtlpEndpoint"] = "otel-collector:4317",
        });

        Assert.Equal(2, settings.Problems.Count);
        Assert.Contains(settings.Problems, p => p.StartsWith("Hive:Http:DrainDelay must be at least 0 and shorter than Hive:Silo:ShutdownTimeout", StringComparison.Ordinal));
        Assert.Contains(settings.Problems, p => p.StartsWith("Hive:Telemetry:OtlpEndpoint 'otel-collector:4317' must be an http:// or https:// URL", StringComparison.Ordinal));
    }

    private static HostSettings Read(Dictionary<string, string?> values) =>
        HostSettings.Read(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
}
