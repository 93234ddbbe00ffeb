using StackExchange.Redis;
using Hive.Silo.Hosting;

namespace Hive.Silo.Storage;

/// <summary>
/// Reaches Redis once before the silo starts. Orleans would find out too, but only as a stack trace from
/// deep inside membership start-up; this says in one line what is wrong.
/// </summary>
public static class RedisPreflight
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    public static async Task CheckAsync(RedisTarget target, string setting)
    {
        ArgumentNullException.ThrowIfNull(target);
        var options = ConfigurationOptions.Parse(target.ConnectionString);
        options.AbortOnConnectFail = true;
        options.ConnectRetry = 1;
        options.ConnectTimeout = (int)ConnectTimeout.TotalMilliseconds;
        try
        {
            await using var redis = await ConnectionMultiplexer.ConnectAsync(options);
            await redis.GetDatabase().PingAsync();
        }
        catch (RedisConnectionException e) when (e.FailureType == ConnectionFailureType.AuthenticationFailure)
        {
            throw new StartupException($"Redis {target.Display} refused the credentials in {setting}.");
        }
        catch (Exception e) when (e is RedisException or TimeoutException or System.Net.Sockets.SocketException)
        {
            var kind = e is RedisConnectionException c ? c.FailureType.ToString() : e.GetType().Name;
            throw new StartupException($"Redis {target.Display} is unreachable ({kind}); is it running, and is {setting} right?");
        }
    }
}
