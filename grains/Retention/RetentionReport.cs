namespace Hive.Retention;

/// <summary>What one retention pass purged, and whether it stopped with more to do (it ran out of time).</summary>
[GenerateSerializer, Immutable, Alias("hive.retention-report.v1")]
public sealed record RetentionReport(
    [property: Id(0)] int AuditEvents,
    [property: Id(1)] int Entities,
    [property: Id(2)] bool MoreRemains);
