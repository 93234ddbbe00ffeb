using Microsoft.Extensions.Options;

namespace Hive.Health;

/// <summary>
/// Every bucket of <c>Hive:RateLimits:Buckets</c> and <c>SiloBuckets</c>, one line per bad value naming its key. Written by
/// hand: the generated validator does not look into dictionaries, so bucket limits would otherwise go unchecked.
/// </summary>
public sealed class RateLimitBucketsValidator : IValidateOptions<RateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = Check(nameof(RateLimitOptions.Buckets), options.Buckets).Concat(Check(nameof(RateLimitOptions.SiloBuckets), options.SiloBuckets)).ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static IEnumerable<string> Check(string section, Dictionary<OperationKind, BucketOptions> buckets)
    {
        foreach (var (kind, bucket) in buckets)
        {
            var key = $"{RateLimitOptions.Section}:{section}:{kind}";
            if (bucket.PermitsPerSecond is < 0.001 or > 1_000_000) yield return $"{key}:PermitsPerSecond must be 0.001–1000000.";
            if (bucket.Burst is < 1 or > 10_000_000) yield return $"{key}:Burst must be 1–10000000.";
        }
    }
}
