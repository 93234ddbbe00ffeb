using Hive.Ports;

namespace Hive.Health;

/// <summary>What the health grain persists: the evaluated level, an operator's pin, and the halt switch.</summary>
[GenerateSerializer, Alias("hive.health-state.v1")]
public sealed class HiveHealthState
{
    [Id(0)] public ServiceLevel Evaluated { get; set; }
    [Id(1)] public ServiceLevel? Pinned { get; set; }
    [Id(2)] public string? PinnedBy { get; set; }
    [Id(3)] public bool Halted { get; set; }
    [Id(4)] public string? HaltedBy { get; set; }
    [Id(5)] public string? HaltReason { get; set; }
    [Id(6)] public string Reason { get; set; } = "all signals healthy";
    [Id(7)] public DateTimeOffset UpdatedAt { get; set; }
    [Id(8)] public long Version { get; set; }

    // The outbox: alerts committed with the change that caused them and not yet taken by the alert sink.

    /// <summary>The effective level before the first change whose escalation is yet to be raised or resolved.</summary>
    [Id(9)] public ServiceLevel? LevelAlertSince { get; set; }
    [Id(10)] public string? LevelAlertDetails { get; set; }
    [Id(11)] public PendingAlert? HaltAlert { get; set; }
    [Id(12)] public string? HaltAlertText { get; set; }

    public bool HasOutbox => LevelAlertSince is not null || HaltAlert is not null;

    public ServiceLevel Effective => Pinned ?? Evaluated;
}
