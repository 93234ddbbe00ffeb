using StackExchange.Redis;

namespace Hive.Silo.Storage;

/// <summary>A parsed Redis configuration string and a description of it that is safe to print: endpoints only.</summary>
public sealed record RedisTarget(string ConnectionString, string Display)
{
    public static RedisTarget? TryParse(string? connectionString, string setting, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            problem = $"{setting} is not set; give a Redis configuration string, for example 127.0.0.1:6379.";
            return null;
        }
        ConfigurationOptions options;
        try
        {
            options = ConfigurationOptions.Parse(connectionString);
        }
        catch (ArgumentException e)
        {
            // The parser names the bad keyword, never a value.
            problem = $"{setting} is not a valid Redis configuration string: {e.Message}";
            return null;
        }
        if (options.EndPoints.Count == 0)
        {
            problem = $"{setting} names no endpoint; give host:port.";
            return null;
        }
        return new RedisTarget(connectionString, string.Join(",", options.EndPoints.Select(EndPointDisplay)));
    }

    private static string EndPointDisplay(System.Net.EndPoint endPoint) => endPoint switch
    {
        System.Net.DnsEndPoint dns => $"{dns.Host}:{dns.Port}",
        _ => endPoint.ToString() ?? "?",
    };
}
