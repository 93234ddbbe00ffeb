using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Hive.Health;

/// <summary>When the hive degrades and recovers, and who may halt it. Bound from <c>Hive:Health</c>.</summary>
public sealed class HealthOptions
{
    public const string Section = "Hive:Health";

    [SettingRange(typeof(TimeSpan), "00:00:00.010", "00:10:00", ErrorMessage = "Hive:Health:EvaluationInterval must be 10 ms–10 min.")]
    public TimeSpan EvaluationInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Consecutive healthy evaluations needed to recover one level.</summary>
    [SettingRange(1, 100, ErrorMessage = "Hive:Health:RecoveryEvaluations must be 1–100.")]
    public int RecoveryEvaluations { get; set; } = 3;

    /// <summary>A silo's report older than this many intervals is ignored (the silo is gone).</summary>
    [SettingRange(1, 100, ErrorMessage = "Hive:Health:SignalMaxAgeIntervals must be 1–100.")]
    public int SignalMaxAgeIntervals { get; set; } = 3;

    /// <summary>How often each silo refreshes its copy of the level and halt state.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:00.010", "00:01:00", ErrorMessage = "Hive:Health:CacheRefreshInterval must be 10 ms–1 min.")]
    public TimeSpan CacheRefreshInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Whether silos report their CPU, memory, failed calls and storage health. Tests turn it off to feed signals themselves.</summary>
    public bool ReportSiloSignals { get; set; } = true;

    /// <summary>Roles whose agents may halt the hive (operators always may).</summary>
    public IList<string> HaltRoles { get; } = [];

    [Required(ErrorMessage = "Hive:Health:CpuPercent is required.")] public LevelThresholds CpuPercent { get; set; } = new(75, 90, 98);
    [Required(ErrorMessage = "Hive:Health:MemoryPercent is required.")] public LevelThresholds MemoryPercent { get; set; } = new(80, 90, 95);
    [Required(ErrorMessage = "Hive:Health:FailedCallRate is required.")] public LevelThresholds FailedCallRate { get; set; } = new(0.05, 0.2, 0.5);
    [Required(ErrorMessage = "Hive:Health:StorageLatencyMs is required.")] public LevelThresholds StorageLatencyMs { get; set; } = new(50, 250, 1000);
    [Required(ErrorMessage = "Hive:Health:UnresponsiveAgentShare is required.")] public LevelThresholds UnresponsiveAgentShare { get; set; } = new(0.25, 0.5, 0.9);

    /// <summary>The level an open storage circuit forces: writes cannot land, reads and heartbeats still can.</summary>
    public ServiceLevel StorageCircuitOpenLevel { get; set; } = ServiceLevel.Essential;

    /// <summary>The roles allowed to halt when none are configured: the seed's quality agent.</summary>
    public IReadOnlyList<string> EffectiveHaltRoles => HaltRoles.Count > 0 ? [.. HaltRoles] : ["quality"];
}

/// <summary>The value at which a signal indicates each degraded level; below <see cref="Reduced"/> it is healthy.</summary>
public sealed class LevelThresholds
{
    public LevelThresholds() { }

    public LevelThresholds(double reduced, double essential, double emergency) =>
        (Reduced, Essential, Emergency) = (reduced, essential, emergency);

    public double Reduced { get; set; }
    public double Essential { get; set; }
    public double Emergency { get; set; }

    public ServiceLevel LevelFor(double? value) =>
        value is not { } v ? ServiceLevel.Full
        : v >= Emergency ? ServiceLevel.Emergency
        : v >= Essential ? ServiceLevel.Essential
        : v >= Reduced ? ServiceLevel.Reduced
        : ServiceLevel.Full;
}

/// <summary>Checks the attributes on <see cref="HealthOptions"/>; generated at compile time.</summary>
[OptionsValidator]
public sealed partial class HealthOptionsValidator : IValidateOptions<HealthOptions>;
