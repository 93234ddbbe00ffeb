namespace Hive.Silo.Hosting;

/// <summary>How silos find each other. Bound from <c>Hive:Clustering</c>.</summary>
public sealed class HiveClusteringOptions
{
    public const string Section = "Hive:Clustering";
    public const string RedisSetting = Section + ":RedisConnectionString";

    /// <summary>The environment variable read when <see cref="RedisConnectionString"/> is not configured.</summary>
    public const string RedisVariable = "HIVE_REDIS";

    /// <summary><see cref="ClusteringMode.Localhost"/> (the default: a single silo) or <see cref="ClusteringMode.Redis"/> membership.</summary>
    public ClusteringMode Mode { get; set; } = ClusteringMode.Localhost;

    /// <summary>A StackExchange.Redis configuration string, for example <c>127.0.0.1:6379</c>; falls back to <c>HIVE_REDIS</c>.</summary>
    public string? RedisConnectionString { get; set; }

    public string? ResolveRedisConnectionString() =>
        string.IsNullOrWhiteSpace(RedisConnectionString) ? Environment.GetEnvironmentVariable(RedisVariable) : RedisConnectionString;
}
