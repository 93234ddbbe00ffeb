namespace Hive.Escalations;

/// <summary>A filter for listing escalations; null fields match everything.</summary>
[GenerateSerializer, Immutable, Alias("hive.escalation-query.v1")]
public sealed record EscalationQuery(
    [property: Id(0)] EscalationStatus? Status = null,
    [property: Id(1)] Severity? Severity = null,
    [property: Id(2)] int PageSize = Common.Limits.DefaultPageSize,
    [property: Id(3)] string? PageToken = null);

/// <summary>One row of an escalation listing.</summary>
[GenerateSerializer, Immutable, Alias("hive.escalation-summary.v1")]
public sealed record EscalationSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] EscalationStatus Status,
    [property: Id(3)] Severity Severity,
    [property: Id(4)] string? PrimaryAgent,
    [property: Id(5)] DateTimeOffset RaisedAt,
    [property: Id(6)] DateTimeOffset UpdatedAt);
