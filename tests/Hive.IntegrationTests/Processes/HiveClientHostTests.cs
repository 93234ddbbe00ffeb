using Microsoft.Extensions.Hosting;

namespace Hive.Tests.Processes;

/// <summary>A service adds Hive with one call on its generic host and reaches a real silo process through configuration.</summary>
[Trait("Category", "Process")]
public sealed class HiveClientHostTests
{
    [Fact]
    public async Task AddHiveClient_connects_a_service_to_a_running_silo_from_configuration()
    {
        await using var silo = SiloProcess.Start([]);
        await silo.WaitForOutputAsync("Hive is running", TimeSpan.FromMinutes(1));

        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Hive:Client:Gateways:0"] = $"127.0.0.1:{silo.GatewayPort}",
        });
        builder.Services.AddHiveClient(builder.Configuration);
        using var host = builder.Build();
        await host.StartAsync();
        var hive = host.Services.GetRequiredService<HiveClient>();

        var agent = await hive.Agents.RegisterAsync(new AgentSpec("svc-agent", "Service agent", ["worker"]));
        var error = await Assert.ThrowsAsync<HiveException>(() => hive.Tasks.GetAsync("no-such-task"));

        Assert.Equal(AgentStatus.Registered, agent.Status);
        Assert.Equal(HiveErrorCodes.NotFound, error.Code);
        Assert.Equal("task/no-such-task", error.Entity);
        await host.StopAsync();
    }

    [Fact]
    public void Configured_gateways_replace_the_default_one()
    {
        var options = new HiveClientOptions();
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Hive:Client:Gateways:0"] = "10.1.2.3:4000" })
            .Build().GetSection(HiveClientOptions.Section).Bind(options);

        Assert.Equal(["10.1.2.3:4000"], options.ResolveGateways().Select(e => e.ToString()));
        Assert.Equal([HiveClientOptions.DefaultGateway], new HiveClientOptions().ResolveGateways().Select(e => e.ToString()));
    }

    [Fact]
    public void A_redis_connection_string_replaces_static_gateways()
    {
        var options = new HiveClientOptions { RedisConnectionString = "127.0.0.1:6379" };
        options.Gateways.Add("10.1.2.3:4000");

        Assert.True(options.UsesRedis);
        Assert.Empty(options.ResolveGateways());
    }

    [Fact]
    public void Bad_client_configuration_names_every_problem()
    {
        var services = new ServiceCollection();
        var error = Assert.Throws<InvalidOperationException>(() => services.AddHiveClient(o =>
        {
            o.Gateways.Clear();
            o.Gateways.Add("no-port");
            o.ClusterId = "bad id";
        }));
        Assert.Contains("'no-port' must be host:port", error.Message, StringComparison.Ordinal);
        Assert.Contains("ClusterId 'bad id'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ClusterId", "bad id", "Hive:Client:ClusterId 'bad id' is not a valid id.")]
    [InlineData("CallerId", "bad id", "Hive:Client:CallerId 'bad id' is not a valid id.")]
    [InlineData("ServiceId", "bad id", "Hive:Client:ServiceId 'bad id' is not a valid id.")]
    [InlineData("Gateways:0", "10.1.2.3:0", "Hive:Client:Gateways entry '10.1.2.3:0' must be host:port, for example 127.0.0.1:30000.")]
    [InlineData("Tls:TargetHost", "hive-gateway", "Hive:Client:Tls:CaPath, CertificatePath or TargetHost is set but Hive:Client:Tls:Enabled is false; set Hive:Client:Tls:Enabled=true.")]
    [InlineData("Resilience:MaxRetries", "-1", "Hive:Client:Resilience:MaxRetries must be 0–100.")]
    [InlineData("Resilience:BaseDelay", "00:00:00", "Hive:Client:Resilience:BaseDelay must be more than 0 and at most 1 day.")]
    [InlineData("Resilience:BreakerFailureRatio", "0", "Hive:Client:Resilience:BreakerFailureRatio must be more than 0 and at most 1.")]
    [InlineData("Resilience:BreakerWindow", "00:00:00.100", "Hive:Client:Resilience:BreakerWindow must be 500 ms–1 day.")]
    [InlineData("Resilience:BreakerMinimumCalls", "1", "Hive:Client:Resilience:BreakerMinimumCalls must be at least 2.")]
    [InlineData("Resilience:BreakDuration", "00:00:00.100", "Hive:Client:Resilience:BreakDuration must be 500 ms–1 day.")]
    public void Each_bad_client_setting_is_one_line_naming_its_key(string key, string value, string expected)
    {
        var options = new HiveClientOptions();
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [$"Hive:Client:{key}"] = value })
            .Build().GetSection(HiveClientOptions.Section).Bind(options);

        Assert.Equal(expected, Assert.Single(new HiveClientOptionsValidator().Validate(null, options).Failures ?? []));
    }
}
