using Hive.Retention;
using Hive.Silo.Hosting;
using Hive.Silo.Storage.GroupCommit;
using Hive.Silo.Storage.Resilience;
using Microsoft.Extensions.Options;

namespace Hive.Tests.Unit;

/// <summary>The options the silo checks once its host is built: each bad key is one line that starts with the key.</summary>
[Trait("Category", "Unit")]
public sealed class OptionsValidatorTests
{
    [Fact]
    public void Defaults_are_valid() => Assert.Empty(Failures([]));

    [Theory]
    [InlineData("Hive:Timing:HeartbeatInterval", "00:00:00", "Hive:Timing:HeartbeatInterval must be 10 ms–1 h.")]
    [InlineData("Hive:Timing:MissedHeartbeatsAllowed", "0", "Hive:Timing:MissedHeartbeatsAllowed must be 1–100.")]
    [InlineData("Hive:Timing:CheckInterval", "00:11:00", "Hive:Timing:CheckInterval must be 10 ms–10 min.")]
    [InlineData("Hive:Timing:SweepInterval", "00:00:00", "Hive:Timing:SweepInterval must be 10 ms–10 min.")]
    [InlineData("Hive:Timing:SweepBatchSize", "0", "Hive:Timing:SweepBatchSize must be 1–100000.")]
    [InlineData("Hive:RateLimits:Buckets:Read:PermitsPerSecond", "0", "Hive:RateLimits:Buckets:Read:PermitsPerSecond must be 0.001–1000000.")]
    [InlineData("Hive:RateLimits:SiloBuckets:Message:Burst", "0", "Hive:RateLimits:SiloBuckets:Message:Burst must be 1–10000000.")]
    [InlineData("Hive:Timing:QueueResyncInterval", "02:00:00", "Hive:Timing:QueueResyncInterval must be 10 ms–1 h.")]
    [InlineData("Hive:Messaging:InboxCapacity", "0", "Hive:Messaging:InboxCapacity must be 1–10000 messages.")]
    [InlineData("Hive:Messaging:MaxReceiveWaiters", "10001", "Hive:Messaging:MaxReceiveWaiters must be 1–10000 receives.")]
    [InlineData("Hive:Messaging:MaxReceiveWaitersPerCaller", "0", "Hive:Messaging:MaxReceiveWaitersPerCaller must be 1–10000 receives.")]
    [InlineData("Hive:Messaging:RetryAfter", "00:00:00", "Hive:Messaging:RetryAfter must be 10 ms–10 min.")]
    [InlineData("Hive:Escalations:CriticalAcknowledgeWithin", "00:00:00", "Hive:Escalations:CriticalAcknowledgeWithin must be 1 s–7 days.")]
    [InlineData("Hive:Escalations:HighAcknowledgeWithin", "8.00:00:00", "Hive:Escalations:HighAcknowledgeWithin must be 1 s–7 days.")]
    [InlineData("Hive:Escalations:MediumAcknowledgeWithin", "00:00:00", "Hive:Escalations:MediumAcknowledgeWithin must be 1 s–7 days.")]
    [InlineData("Hive:Escalations:LowAcknowledgeWithin", "00:00:00", "Hive:Escalations:LowAcknowledgeWithin must be 1 s–7 days.")]
    [InlineData("Hive:Escalations:AlertResponderRole", "", "Hive:Escalations:AlertResponderRole is required.")]
    [InlineData("Hive:Escalations:AlertResponderRole", "on call", "Hive:Escalations:AlertResponderRole must be a role id: a letter or digit, then up to 127 letters, digits, '.', '_', ':' or '-'.")]
    [InlineData("Hive:Health:EvaluationInterval", "00:00:00", "Hive:Health:EvaluationInterval must be 10 ms–10 min.")]
    [InlineData("Hive:Health:RecoveryEvaluations", "0", "Hive:Health:RecoveryEvaluations must be 1–100.")]
    [InlineData("Hive:Health:SignalMaxAgeIntervals", "101", "Hive:Health:SignalMaxAgeIntervals must be 1–100.")]
    [InlineData("Hive:Health:CacheRefreshInterval", "00:02:00", "Hive:Health:CacheRefreshInterval must be 10 ms–1 min.")]
    [InlineData("Hive:RateLimits:ReducedScale", "0", "Hive:RateLimits:ReducedScale must be 0.01–1.")]
    [InlineData("Hive:RateLimits:EssentialScale", "1.5", "Hive:RateLimits:EssentialScale must be 0.01–1.")]
    [InlineData("Hive:RateLimits:EmergencyScale", "0", "Hive:RateLimits:EmergencyScale must be 0.01–1.")]
    [InlineData("Hive:Retention:Audit", "-1.00:00:00", "Hive:Retention:Audit must be 0 (keep forever) up to 36500 days.")]
    [InlineData("Hive:Retention:Interval", "00:00:00", "Hive:Retention:Interval must be 10 ms–7 days.")]
    [InlineData("Hive:Retention:BatchSize", "0", "Hive:Retention:BatchSize must be 1–10000.")]
    [InlineData("Hive:Security:RefreshInterval", "00:00:00", "Hive:Security:RefreshInterval must be 10 ms–10 min.")]
    [InlineData("Hive:Security:MaxTokenLifetime", "00:00:30", "Hive:Security:MaxTokenLifetime must be 1 min–365 days.")]
    [InlineData("Hive:Storage:Resilience:MaxRetries", "11", "Hive:Storage:Resilience:MaxRetries must be 0–10.")]
    [InlineData("Hive:Storage:Resilience:FailureRatio", "0", "Hive:Storage:Resilience:FailureRatio must be 0.01–1.")]
    [InlineData("Hive:Storage:GroupCommit:MaxBatch", "0", "Hive:Storage:GroupCommit:MaxBatch must be 1–10000 callers.")]
    [InlineData("Hive:Storage:GroupCommit:Linger", "00:00:01", "Hive:Storage:GroupCommit:Linger must be 0–100 ms.")]
    public void Each_bad_key_is_one_line_that_starts_with_it(string key, string value, string expected) =>
        Assert.Equal(expected, Assert.Single(Failures(new() { [key] = value })));

    [Fact]
    public void Bad_keys_in_several_sections_are_all_reported()
    {
        var failures = Failures(new() { ["Hive:Timing:MissedHeartbeatsAllowed"] = "0", ["Hive:Memory:MaxValueBytes"] = "0" });

        Assert.Equal(2, failures.Count);
        Assert.Contains("Hive:Memory:MaxValueBytes must be 1–1048576 bytes.", failures);
        Assert.Contains("Hive:Timing:MissedHeartbeatsAllowed must be 1–100.", failures);
    }

    [Fact]
    public void A_value_the_binder_cannot_convert_names_its_key() =>
        Assert.StartsWith("Failed to convert configuration value 'soon' at 'Hive:Timing:HeartbeatInterval'", Assert.Single(Failures(new() { ["Hive:Timing:HeartbeatInterval"] = "soon" })),
            StringComparison.Ordinal);

    /// <summary>Every option the built host checks, registered as the silo registers them and validated as it validates them.</summary>
    internal static IReadOnlyList<string> Failures(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        using var provider = new ServiceCollection()
            .AddHiveOptions(configuration)
            .AddValidatedOptions<StorageResilienceOptions, StorageResilienceOptionsValidator>(configuration, StorageResilienceOptions.Section)
            .AddValidatedOptions<GroupCommitOptions, GroupCommitOptionsValidator>(configuration, GroupCommitOptions.Section)
            .BuildServiceProvider();
        try
        {
            StartupValidation.Validate(provider);
            return [];
        }
        catch (OptionsValidationException e)
        {
            return [.. e.Failures];
        }
    }
}
