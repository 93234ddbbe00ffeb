using Microsoft.Extensions.Hosting;

namespace Hive.Tests.Durable;

/// <summary>Settings that put a silo process in durable mode, and a service that reaches it through Redis.</summary>
public static class DurableSilo
{
    /// <summary>PostgreSQL state plus Redis membership, in a cluster of its own so tests never meet; callers authenticated with <see cref="ProcessKeys"/>.</summary>
    public static Dictionary<string, string> Environment(string postgres, string clusterId) => new()
    {
        ["Hive__Security__KeysPath"] = ProcessKeys.KeysPath,
        ["Hive__Storage__Mode"] = "Postgres",
        ["Hive__Storage__ConnectionString"] = postgres,
        ["Hive__Clustering__Mode"] = "Redis",
        ["Hive__Clustering__RedisConnectionString"] = TestServices.Redis,
        ["Hive__Silo__ClusterId"] = clusterId,
        ["Hive__Silo__ServiceId"] = clusterId,
    };

    /// <summary>A generic host with <c>AddHiveClient</c> in Redis gateway mode as an operator of every scope, started; dispose to stop it.</summary>
    public static async Task<IHost> StartClientAsync(string clusterId)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddHiveClient(o =>
        {
            o.RedisConnectionString = TestServices.Redis;
            o.ClusterId = clusterId;
            o.ServiceId = clusterId;
            o.Token = ProcessKeys.OperatorToken;
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    public static string NewClusterId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];
}
