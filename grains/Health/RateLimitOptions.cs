using Microsoft.Extensions.Options;

namespace Hive.Health;

/// <summary>
/// Token buckets by kind of operation, per caller and per silo over all callers, scaled down as the service level
/// drops. Bound from <c>Hive:RateLimits</c>.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "Hive:RateLimits";

    public bool Enabled { get; set; } = true;

    /// <summary>Permits per second and burst for each kind of operation, per caller and per silo.</summary>
    public Dictionary<OperationKind, BucketOptions> Buckets { get; } = new()
    {
        [OperationKind.Read] = new(2000, 4000),
        [OperationKind.Heartbeat] = new(200, 400),
        [OperationKind.TaskStatusUpdate] = new(500, 1000),
        [OperationKind.Escalation] = new(50, 100),
        [OperationKind.OperatorCommand] = new(50, 100),
        [OperationKind.TaskWrite] = new(500, 1000),
        [OperationKind.MemoryWrite] = new(1000, 2000),
        [OperationKind.Message] = new(1000, 2000),
        [OperationKind.Registration] = new(100, 200),
    };

    /// <summary>
    /// Permits per second and burst for each kind of operation on one silo, shared by all callers: a ceiling for a
    /// fleet whose members each stay within their own bucket. The defaults sit well above what one 2-core silo serves
    /// (docs/benchmarks.md), so they bite only on a flood; size them to the silo's measured capacity.
    /// </summary>
    public Dictionary<OperationKind, BucketOptions> SiloBuckets { get; } = new()
    {
        [OperationKind.Read] = new(100_000, 200_000),
        [OperationKind.Heartbeat] = new(20_000, 40_000),
        [OperationKind.TaskStatusUpdate] = new(5_000, 10_000),
        [OperationKind.Escalation] = new(500, 1_000),
        [OperationKind.OperatorCommand] = new(200, 400),
        [OperationKind.TaskWrite] = new(5_000, 10_000),
        [OperationKind.MemoryWrite] = new(10_000, 20_000),
        [OperationKind.Message] = new(10_000, 20_000),
        [OperationKind.Registration] = new(2_000, 4_000),
    };

    /// <summary>The share of each bucket's rate kept at each level (heartbeats and operator commands keep their full rate).</summary>
    [SettingRange(0.01, 1, ErrorMessage = "Hive:RateLimits:ReducedScale must be 0.01–1.")] public double ReducedScale { get; set; } = 0.5;
    [SettingRange(0.01, 1, ErrorMessage = "Hive:RateLimits:EssentialScale must be 0.01–1.")] public double EssentialScale { get; set; } = 0.25;
    [SettingRange(0.01, 1, ErrorMessage = "Hive:RateLimits:EmergencyScale must be 0.01–1.")] public double EmergencyScale { get; set; } = 0.1;

    public double ScaleFor(ServiceLevel level) => level switch
    {
        ServiceLevel.Full => 1,
        ServiceLevel.Reduced => ReducedScale,
        ServiceLevel.Essential => EssentialScale,
        _ => EmergencyScale,
    };
}

/// <summary>One token bucket: refilled at <see cref="PermitsPerSecond"/>, holding at most <see cref="Burst"/>.</summary>
public sealed class BucketOptions
{
    public BucketOptions() { }

    public BucketOptions(double permitsPerSecond, int burst) => (PermitsPerSecond, Burst) = (permitsPerSecond, burst);

    /// <summary>Checked by <see cref="RateLimitBucketsValidator"/>: 0.001–1,000,000.</summary>
    public double PermitsPerSecond { get; set; }

    /// <summary>Checked by <see cref="RateLimitBucketsValidator"/>: 1–10,000,000.</summary>
    public int Burst { get; set; }
}

/// <summary>Checks the attributes on <see cref="RateLimitOptions"/>; generated at compile time.</summary>
[OptionsValidator]
public sealed partial class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>;
