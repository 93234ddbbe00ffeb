namespace Hive.Audit;

/// <summary>
/// One thing that happened: who did what to which entity, from which state to which. <see cref="Actor"/> is who the
/// call said acts; <see cref="Principal"/> is whose credential the silo verified for it (null for the hive's own work).
/// </summary>
[GenerateSerializer, Immutable, Alias("hive.audit-event.v1")]
public sealed record AuditEvent(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string Actor,
    [property: Id(2)] string Entity,
    [property: Id(3)] string Action,
    [property: Id(4)] string? From,
    [property: Id(5)] string? To,
    [property: Id(6)] string? Details,
    [property: Id(7)] string? TraceId = null,
    [property: Id(8)] string? Principal = null);
