using System.ComponentModel.DataAnnotations;

namespace Hive.Health;

/// <summary>Per-caller token buckets by kind of operation, scaled down as the service level drops. Bound from <c>Hive:RateLimits</c>.</summary>
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

    /// <summary>The share of each bucket's rate kept at each level (heartbeats and operator commands keep their full rate).</summary>
    [Range(0.01, 1)] public double ReducedScale { get; set; } = 0.5;
    [Range(0.01, 1)] public double EssentialScale { get; set; } = 0.25;
    [Range(0.01, 1)] public double EmergencyScale { get; set; } = 0.1;

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

    [Range(0.001, 1_000_000)] public double PermitsPerSecond { get; set; }
    [Range(1, 10_000_000)] public int Burst { get; set; }
}
