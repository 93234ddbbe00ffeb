using System.Globalization;
using System.Net;
using System.Text.Json;
using Hive.Silo.Http;

namespace Hive.Tests.Http;

/// <summary>
/// Integration (real PostgreSQL and Redis, a real silo process): readiness follows the database. PostgreSQL is taken
/// away through a proxy, so the server other tests share keeps running.
/// </summary>
[Trait("Category", "Process")]
public sealed class DurableProbeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Readiness_turns_503_while_PostgreSQL_is_away_and_200_when_it_is_back_while_liveness_stays_200()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var proxy = TcpProxy.To(database.ConnectionString);
        var viaProxy = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Host = "127.0.0.1", Port = proxy.Port, Timeout = 2 }.ConnectionString;
        var cluster = DurableSilo.NewClusterId("probes");
        var environment = DurableSilo.Environment(viaProxy, cluster);
        environment["Hive__Http__AdminToken"] = SiloHttp.Token;
        await using var silo = SiloProcess.Start([], environment);
        using var http = new SiloHttp(silo);
        await http.WaitUntilReadyAsync();
        Assert.Equal(new Dictionary<string, string> { ["postgres"] = "Healthy", ["redis"] = "Healthy", ["storage-circuit"] = "Healthy" },
            await DependencyChecksAsync(http));

        var clock = System.Diagnostics.Stopwatch.StartNew();
        proxy.Down();
        Assert.Equal("Unhealthy", await http.WaitForAsync(HiveEndpoints.Ready, HttpStatusCode.ServiceUnavailable));
        output.WriteLine($"readiness 503 {clock.ElapsedMilliseconds} ms after PostgreSQL went away"); // measured, never asserted
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await http.GetAsync(HiveEndpoints.Live));
        Assert.Equal("Unhealthy", (await DependencyChecksAsync(http))["postgres"]);

        clock.Restart();
        proxy.Up();
        Assert.Equal("Healthy", await http.WaitForAsync(HiveEndpoints.Ready, HttpStatusCode.OK));
        output.WriteLine($"readiness 200 {clock.ElapsedMilliseconds} ms after PostgreSQL came back");
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await http.GetAsync(HiveEndpoints.Live));
    }

    [Fact]
    public async Task Metrics_expose_storage_latency_and_the_circuit_state_in_durable_mode()
    {
        await using var database = await TestDatabase.CreateAsync();
        var cluster = DurableSilo.NewClusterId("storage-metrics");
        await using var silo = SiloProcess.Start([], DurableSilo.Environment(database.ConnectionString, cluster));
        using var http = new SiloHttp(silo);
        await http.WaitUntilReadyAsync();
        using var client = await DurableSilo.StartClientAsync(cluster);
        var hive = client.Services.GetRequiredService<HiveClient>();
        // Registering writes the catalog row through the append stores' storage pipeline.
        await hive.Agents.RegisterAsync(new AgentSpec("metrics-1", "Measured", ["quality"]));

        var (status, body) = await http.GetAsync(HiveEndpoints.Metrics);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotEmpty(Scrape.Samples(body, "hive_storage_latency_milliseconds_bucket"));
        Assert.True(double.Parse(Scrape.Value(Assert.Single(Scrape.Samples(body, "hive_storage_latency_milliseconds_count"))), CultureInfo.InvariantCulture) > 0);
        Assert.Equal(["0"], Scrape.Samples(body, "hive_storage_circuit_open").Select(Scrape.Value));
        Assert.Equal(["audit", "catalog", "grain_state", "inbox_heads", "memory_changes", "messages"],
            Scrape.Samples(body, "hive_store_bytes").Select(s => s[(s.IndexOf("store=\"", StringComparison.Ordinal) + 7)..].Split('"')[0]).Order());
        await client.StopAsync();
    }

    /// <summary>The dependency checks of the detailed health, by name (the readiness probe itself says only one word).</summary>
    private static async Task<Dictionary<string, string>> DependencyChecksAsync(SiloHttp http)
    {
        var (_, body) = await http.GetAsync(HiveEndpoints.Health, SiloHttp.Token);
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("checks").EnumerateArray()
            .Where(c => c.GetProperty("name").GetString() is "postgres" or "redis" or "storage-circuit")
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString()!);
    }
}
