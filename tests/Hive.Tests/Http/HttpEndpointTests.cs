using System.Net;
using System.Text.Json;
using Hive.Client;
using Hive.Silo.Http;
using Hive.Tests.Processes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Hive.Tests.Http;

/// <summary>One real silo process (in-memory mode) and its HTTP port, as kubelets, Prometheus and operators see it.</summary>
public sealed class HttpSiloFixture : IAsyncLifetime
{
    /// <summary>As Kubernetes passes the pod name.</summary>
    public const string SiloName = "hive-silo-7d9f-http";

    public SiloProcess Silo { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Silo = SiloProcess.Start([], new Dictionary<string, string>
        {
            ["Hive__Http__AdminToken"] = SiloHttp.Token,
            ["Hive__Silo__SiloName"] = SiloName,
        });
        using var http = new SiloHttp(Silo);
        await http.WaitUntilReadyAsync();
    }

    public async Task DisposeAsync() => await Silo.DisposeAsync();
}

public sealed class HttpEndpointTests(HttpSiloFixture fixture) : IClassFixture<HttpSiloFixture>
{
    [Theory]
    [InlineData(HiveEndpoints.Live)]
    [InlineData(HiveEndpoints.Ready)]
    [InlineData(HiveEndpoints.Startup)]
    public async Task Probes_of_a_started_silo_answer_200_with_a_status_word_only(string path)
    {
        using var http = new SiloHttp(fixture.Silo);

        var (status, body) = await http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", body);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-the-admin-token-at-all")]
    [InlineData(SiloHttp.Token + "x")]
    public async Task Detailed_health_without_the_admin_token_is_401_and_says_nothing(string? bearer)
    {
        using var http = new SiloHttp(fixture.Silo);

        var (status, body) = await http.GetAsync(HiveEndpoints.Health, bearer);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("", body);
    }

    [Fact]
    public async Task Detailed_health_with_the_admin_token_shows_checks_service_level_and_members()
    {
        using var http = new SiloHttp(fixture.Silo);

        var (status, body) = await http.GetAsync(HiveEndpoints.Health, SiloHttp.Token);

        Assert.Equal(HttpStatusCode.OK, status);
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        Assert.Equal("Healthy", root.GetProperty("status").GetString());
        Assert.Equal("Full", root.GetProperty("serviceLevel").GetProperty("level").GetString());
        Assert.False(root.GetProperty("serviceLevel").GetProperty("halted").GetBoolean());
        Assert.Equal("InMemory", root.GetProperty("storage").GetProperty("mode").GetString());
        var checks = root.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString());
        Assert.Equal(new Dictionary<string, string?> { ["process"] = "Healthy", ["startup"] = "Healthy", ["shutdown"] = "Healthy", ["silo"] = "Healthy" }, checks);
        var silo = root.GetProperty("silo");
        Assert.Equal("Active", silo.GetProperty("status").GetString());
        Assert.Equal(HttpSiloFixture.SiloName, silo.GetProperty("name").GetString());
        var member = Assert.Single(root.GetProperty("members").EnumerateArray());
        Assert.Equal(silo.GetProperty("address").GetString(), member.GetProperty("address").GetString());
        Assert.Equal("Active", member.GetProperty("status").GetString());
        Assert.Equal(HttpSiloFixture.SiloName, member.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Metrics_expose_the_Hive_meter_and_Orleans_instruments_after_grain_calls()
    {
        using var http = new SiloHttp(fixture.Silo);
        using var client = await StartClientAsync(fixture.Silo.GatewayPort);
        var hive = client.Services.GetRequiredService<HiveClient>();
        await hive.Tasks.CreateAsync(new TaskSpec("http-metrics-1", "Show up in /metrics", "quality", PrimaryRole: "quality"), actor: "planner");

        var (status, body) = await http.GetAsync(HiveEndpoints.Metrics);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotEmpty(Scrape.Samples(body, "hive_tasks_transitions_total"));
        Assert.Equal(["0"], Scrape.Samples(body, "hive_service_level").Select(Scrape.Value));
        Assert.Equal(["0"], Scrape.Samples(body, "hive_halted").Select(Scrape.Value));
        Assert.Contains(Scrape.Samples(body, "hive_store_rows"), s => s.Contains("store=\"catalog\"", StringComparison.Ordinal));
        Assert.NotEmpty(Scrape.Samples(body, "orleans_catalog_activations"));
        Assert.NotEmpty(Scrape.Samples(body, "orleans_app_requests_latency_milliseconds_bucket"));
        await client.StopAsync();
    }

    private static async Task<IHost> StartClientAsync(int gatewayPort)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddHiveClient(o => o.Gateways.Add($"127.0.0.1:{gatewayPort}"));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
