using Hive.Silo.Hosting;
using Microsoft.Extensions.Options;

namespace Hive.Tests.Unit;

/// <summary>What the silo makes of its settings before it touches any service.</summary>
[Trait("Category", "Unit")]
public sealed class HostSettingsTests
{
    [Fact]
    public void No_settings_mean_one_in_memory_silo_on_localhost()
    {
        var settings = Read([]);

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

        Assert.Equal("silo@db.internal:5433/hive", settings.Postgres!.Display);
        Assert.Equal("redis.internal:6380", settings.Redis!.Display);
        Assert.Equal("10.1.2.3", settings.Silo.AdvertisedAddress.ToString());
    }

    [Fact]
    public void Each_bad_setting_is_one_problem_naming_its_key()
    {
        var problems = Problems(new()
        {
            ["Hive:Storage:Mode"] = "Postgres",
            ["Hive:Storage:ConnectionString"] = "Database=hive",
            ["Hive:Clustering:Mode"] = "Redis",
            ["Hive:Clustering:RedisConnectionString"] = "password=only",
            ["Hive:Silo:AdvertisedIP"] = "pod-ip",
        });

        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("Hive:Silo:AdvertisedIP 'pod-ip' must be an IP address", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Hive:Storage:ConnectionString (or HIVE_POSTGRES) names no Host", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Hive:Clustering:RedisConnectionString (or HIVE_REDIS) names no endpoint", StringComparison.Ordinal));
    }

    [Fact]
    public void A_silo_listening_port_other_than_the_advertised_one_is_checked()
    {
        Assert.Equal(21111, Read(new() { ["Hive:Silo:SiloListeningPort"] = "21111" }).Silo.SiloListeningPort);
        Assert.Null(Read([]).Silo.SiloListeningPort);

        var bad = Problems(new() { ["Hive:Silo:SiloListeningPort"] = "70000" });
        var clash = Problems(new() { ["Hive:Silo:SiloListeningPort"] = "30000" });

        Assert.Contains(bad, p => p.StartsWith("Hive:Silo:SiloListeningPort must be 1–65535", StringComparison.Ordinal));
        Assert.Contains(clash, p => p.StartsWith("Hive:Silo:SiloListeningPort and GatewayPort must differ", StringComparison.Ordinal));
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

        Assert.Equal(("hive-silo-5c7d8-x2x9q", TimeSpan.FromSeconds(20)), (settings.Silo.SiloName, settings.Silo.ShutdownTimeout));
        Assert.Equal(["http://0.0.0.0:8080"], settings.Http.UrlList);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.Http.DrainDelay);
        Assert.True(settings.Telemetry.ExportsOtlp);
    }

    [Fact]
    public void HTTP_and_telemetry_problems_name_their_keys()
    {
        var problems = Problems(new()
        {
            ["Hive:Silo:ShutdownTimeout"] = "00:00:10",
            ["Hive:Http:DrainDelay"] = "00:00:10",
            ["Hive:Telemetry:OtlpEndpoint"] = "otel-collector:4317",
        });

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("Hive:Http:DrainDelay must be at least 0 and shorter than Hive:Silo:ShutdownTimeout", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Hive:Telemetry:OtlpEndpoint 'otel-collector:4317' must be an http:// or https:// URL", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Hive:Silo:ClusterId", "no spaces", "Hive:Silo:ClusterId 'no spaces' must be a valid id (letters, digits, '.', '_', '-', ':').")]
    [InlineData("Hive:Silo:ServiceId", "bad/id", "Hive:Silo:ServiceId 'bad/id' must be a valid id (letters, digits, '.', '_', '-', ':').")]
    [InlineData("Hive:Silo:SiloPort", "0", "Hive:Silo:SiloPort must be 1–65535; got 0.")]
    [InlineData("Hive:Silo:GatewayPort", "65536", "Hive:Silo:GatewayPort must be 1–65535; got 65536.")]
    [InlineData("Hive:Silo:SiloPort", "30000", "Hive:Silo:SiloPort and GatewayPort must differ; both are 30000.")]
    [InlineData("Hive:Silo:SiloName", "has a space", "Hive:Silo:SiloName must be at most 253 characters without spaces, for example the pod name.")]
    [InlineData("Hive:Silo:ShutdownTimeout", "00:11:00", "Hive:Silo:ShutdownTimeout must be 00:00:01–00:10:00; got 00:11:00.")]
    [InlineData("Hive:Http:Urls", "ftp://host:21", "Hive:Http:Urls entry 'ftp://host:21' must be an http:// or https:// URL with a host, for example http://0.0.0.0:8080.")]
    [InlineData("Hive:Http:AdminToken", "short", "Hive:Http:AdminToken must be at least 16 characters without spaces (for example `openssl rand -hex 32`).")]
    [InlineData("Hive:Http:KeyPath", "/etc/hive/tls.key", "Hive:Http:KeyPath is set without Hive:Http:CertificatePath.")]
    [InlineData("Hive:Tls:Enabled", "true", "Hive:Tls:CertificatePath is required when Hive:Tls:Enabled is true (for example /etc/hive/tls/tls.crt with Hive:Tls:KeyPath /etc/hive/tls/tls.key).")]
    [InlineData("Hive:Storage:Mode", "Postgress", "Failed to convert configuration value 'Postgress' at 'Hive:Storage:Mode' to type 'Hive.Silo.Hosting.StorageMode'.")]
    public void Each_bad_host_setting_is_one_line_that_starts_with_its_key(string key, string value, string expected) =>
        Assert.StartsWith(expected, Assert.Single(Problems(new() { [key] = value })), StringComparison.Ordinal);

    [Fact]
    public void Postgres_mode_and_the_migrate_command_need_a_connection_string()
    {
        const string expected = "Hive:Storage:ConnectionString (or HIVE_POSTGRES) is not set";
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(HiveStorageOptions.ConnectionStringVariable))) return;   // the environment supplies one

        Assert.StartsWith(expected, Assert.Single(Problems(new() { ["Hive:Storage:Mode"] = "Postgres" })), StringComparison.Ordinal);
        Assert.StartsWith(expected, Assert.Single(Problems([], needPostgres: true)), StringComparison.Ordinal);
        Assert.Null(Read([]).Postgres);
    }

    [Fact]
    public void Redis_membership_needs_durable_state()
    {
        var problems = Problems(new() { ["Hive:Clustering:Mode"] = "Redis", ["Hive:Clustering:RedisConnectionString"] = "127.0.0.1:6379" });

        Assert.Equal("Hive:Clustering:Mode Redis needs Hive:Storage:Mode Postgres: in-memory state would split across silos.", Assert.Single(problems));
    }

    private static HostSettings Read(Dictionary<string, string?> values) =>
        HostSettings.Read(new ConfigurationBuilder().AddInMemoryCollection(values).Build());

    private static IReadOnlyList<string> Problems(Dictionary<string, string?> values, bool needPostgres = false)
    {
        try
        {
            HostSettings.Read(new ConfigurationBuilder().AddInMemoryCollection(values).Build(), needPostgres);
            return [];
        }
        catch (OptionsValidationException e)
        {
            return [.. e.Failures];
        }
    }
}
