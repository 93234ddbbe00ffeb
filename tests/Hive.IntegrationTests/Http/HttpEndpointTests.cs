using System.Net;
using System.Text.Json;
using Hive.Silo.Hosting;
using Hive.Silo.Http;
using Hive.Tests.Security;
using Microsoft.Extensions.Hosting;

namespace Hive.Tests.Http;

/// <summary>
/// One real silo process (in-memory mode, callers authenticated with <see cref="ProcessKeys"/>) and its HTTP port, as
/// kubelets, Prometheus and operators see it.
/// </summary>
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
            ["Hive__Security__KeysPath"] = ProcessKeys.KeysPath,
            ["Hive__Security__RefreshInterval"] = "00:00:00.200",
        });
        using var http = new SiloHttp(Silo);
        await http.WaitUntilReadyAsync();
    }

    public async Task DisposeAsync() => await Silo.DisposeAsync();
}

[Trait("Category", "Process")]
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
        var security = root.GetProperty("security");
        Assert.Equal(("Enforced", true, JsonValueKind.Null),
            (security.GetProperty("mode").GetString(), security.GetProperty("callersAuthenticated").GetBoolean(), security.GetProperty("warning").ValueKind));
    }

    [Fact]
    public async Task Detailed_health_opens_for_an_operator_credential_holding_read()
    {
        using var http = new SiloHttp(fixture.Silo);

        var (status, body) = await http.GetAsync(HiveEndpoints.Health, SecureHiveFixture.OperatorToken("ops-viewer", Scopes.Read));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", JsonDocument.Parse(body).RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Detailed_health_is_401_for_credentials_that_are_not_a_current_operator_holding_read()
    {
        using var http = new SiloHttp(fixture.Silo);
        var expired = SecureHiveFixture.Token(new TokenGrant(PrincipalKind.Operator, "ops-late", TimeSpan.FromMinutes(5), Scopes: [Scopes.Read]),
            DateTimeOffset.UtcNow.AddHours(-1));
        var foreign = HiveTokens.Issue(new TokenGrant(PrincipalKind.Operator, "ops-elsewhere", TimeSpan.FromHours(1), Scopes: [Scopes.Read]),
            SigningKeyLoader.Parse(SecureHiveFixture.KeyId, SigningAlgorithms.Hs256, SigningKeyLoader.NewSecret(), "test", [])!, DateTimeOffset.UtcNow);

        foreach (var bearer in new[] { SecureHiveFixture.OperatorToken("ops-halter", Scopes.Halt), SecureHiveFixture.AgentToken("agent-1"), expired, foreign })
            Assert.Equal((HttpStatusCode.Unauthorized, ""), await http.GetAsync(HiveEndpoints.Health, bearer));
    }

    [Fact]
    public async Task Detailed_health_refuses_a_reading_operator_once_its_credential_is_revoked()
    {
        using var http = new SiloHttp(fixture.Silo);
        using var client = await StartClientAsync(fixture.Silo.GatewayPort);
        var viewer = SecureHiveFixture.OperatorToken("ops-revoked", Scopes.Read);
        await http.WaitForAsync(HiveEndpoints.Health, HttpStatusCode.OK, viewer);

        var principal = HiveTokens.ReadUnverified(viewer);
        await client.Services.GetRequiredService<HiveClient>().RevokeCredentialAsync(principal.TokenId, principal.ExpiresAt, "operator:process-tests");

        Assert.Equal("", await http.WaitForAsync(HiveEndpoints.Health, HttpStatusCode.Unauthorized, viewer));
        await client.StopAsync();
    }

    [Fact]
    public async Task Detailed_health_of_an_open_silo_warns_that_callers_are_not_authenticated()
    {
        await using var open = SiloProcess.Start([], new Dictionary<string, string>
        {
            ["Hive__Http__AdminToken"] = SiloHttp.Token,
            ["Hive__Security__Mode"] = "Open",
        });
        using var http = new SiloHttp(open);
        await http.WaitUntilReadyAsync();

        var (status, body) = await http.GetAsync(HiveEndpoints.Health, SiloHttp.Token);

        Assert.Equal(HttpStatusCode.OK, status);
        var security = JsonDocument.Parse(body).RootElement.GetProperty("security");
        Assert.Equal(("Open", false), (security.GetProperty("mode").GetString(), security.GetProperty("callersAuthenticated").GetBoolean()));
        Assert.Equal(SecuritySetup.OpenWarning, security.GetProperty("warning").GetString());
        Assert.Contains("WARNING: " + SecuritySetup.OpenWarning, open.Output, StringComparison.Ordinal);
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
        builder.Services.AddHiveClient(o =>
        {
            o.Gateways.Add($"127.0.0.1:{gatewayPort}");
            o.Token = ProcessKeys.OperatorToken;
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
