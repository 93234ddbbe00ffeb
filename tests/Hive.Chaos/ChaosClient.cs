using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace Hive.Chaos;

/// <summary>A Hive client host tuned to measure the hive rather than the client's own protection.</summary>
public static class ChaosClient
{
    /// <summary>How long a call waits for its answer; see <see cref="StartAsync"/>.</summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Starts a generic host with <c>AddHiveClient</c>. Two settings differ from a service's:
    /// <list type="bullet">
    /// <item>The client's breaker lets a probe through every half second; its default five seconds of failing fast
    /// would be counted as the hive's recovery time.</item>
    /// <item>A call gives up after <see cref="CallTimeout"/> instead of Orleans' 30 s. A request that was in flight to
    /// the killed silo (through its gateway, or forwarded to a grain it hosted) never gets an answer or an error: the
    /// client only learns it is gone when its response timeout runs out. Writes here take milliseconds, and the
    /// driver's receives wait at most half a second, so 3 s marks a lost request without cutting off a slow one.
    /// (A service that long-polls needs the default, which is longer than the longest wait.)</item>
    /// </list>
    /// Logs go to stderr, warnings and worse only. <paramref name="callTimeout"/> replaces <see cref="CallTimeout"/>.
    /// </summary>
    public static async Task<IHost> StartAsync(Action<HiveClientOptions> configure, TimeSpan? callTimeout = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddHiveClient(o =>
        {
            o.Resilience.BreakDuration = TimeSpan.FromMilliseconds(500);
            configure(o);
        });
        builder.Services.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = callTimeout ?? CallTimeout);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    public static HiveClient Hive(this IHost host) => host.Services.GetRequiredService<HiveClient>();
}
