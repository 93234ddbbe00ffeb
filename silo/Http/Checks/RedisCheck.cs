using Hive.Silo.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Hive.Silo.Http.Checks;

/// <summary>
/// Readiness in Redis mode: the membership Redis answers PING. One connection of its own, opened on first use and
/// kept: the multiplexer reconnects by itself after an outage.
/// </summary>
public sealed class RedisCheck(RedisTarget target, TimeProvider time) : CachedProbe(time), IAsyncDisposable
{
    // Only one probe runs at a time (CachedProbe), so no lock guards this.
    private Task<ConnectionMultiplexer>? _redis;

    protected override async Task<HealthCheckResult> ProbeAsync(CancellationToken cancellationToken)
    {
        if (_redis is null || _redis.IsFaulted || _redis.IsCanceled) _redis = ConnectAsync(target);
        var redis = await _redis.WaitAsync(cancellationToken);
        var roundTrip = await redis.GetDatabase().PingAsync().WaitAsync(cancellationToken);
        var data = new Dictionary<string, object> { ["roundTripMs"] = Math.Round(roundTrip.TotalMilliseconds, 1) };
        return HealthCheckResult.Healthy("Redis answers", data);
    }

    protected override string Describe(Exception error) =>
        $"Redis {target.Display} does not answer: {(error is RedisConnectionException c ? c.FailureType.ToString() : error.GetType().Name)}";

    public async ValueTask DisposeAsync()
    {
        if (_redis is { IsCompletedSuccessfully: true } connected) await connected.Result.DisposeAsync();
    }

    private static Task<ConnectionMultiplexer> ConnectAsync(RedisTarget target)
    {
        var options = ConfigurationOptions.Parse(target.ConnectionString);
        // Start even when Redis is away (readiness then says so) and keep reconnecting in the background.
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = (int)ProbeTimeout.TotalMilliseconds;
        options.AsyncTimeout = (int)ProbeTimeout.TotalMilliseconds;
        return ConnectionMultiplexer.ConnectAsync(options);
    }
}
