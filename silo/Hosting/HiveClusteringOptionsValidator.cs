using Hive.Silo.Storage;

namespace Hive.Silo.Hosting;

/// <summary>Redis membership needs a Redis configuration string that parses, and durable state beside it.</summary>
public sealed class HiveClusteringOptionsValidator(IOptions<HiveStorageOptions> storage) : IValidateOptions<HiveClusteringOptions>
{
    /// <summary>The setting as operators read it in a problem: either place it may come from.</summary>
    public const string RedisName = $"{HiveClusteringOptions.RedisSetting} (or {HiveClusteringOptions.RedisVariable})";

    public ValidateOptionsResult Validate(string? name, HiveClusteringOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Mode != ClusteringMode.Redis) return ValidateOptionsResult.Success;
        var problems = new List<string>();
        RedisTarget.TryParse(options.ResolveRedisConnectionString(), RedisName, out var problem);
        if (problem is not null) problems.Add(problem);
        // In-memory state is per process: silos of one cluster would each hold a different truth.
        if (storage.ValidOrNull() is { Mode: StorageMode.InMemory })
            problems.Add($"{HiveClusteringOptions.Section}:Mode Redis needs {HiveStorageOptions.Section}:Mode Postgres: in-memory state would split across silos.");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
