namespace Hive.Audit;

/// <summary>A filter over the audit trail, newest first; null fields match everything.</summary>
[GenerateSerializer, Immutable, Alias("hive.audit-query.v1")]
public sealed record AuditQuery(
    [property: Id(0)] string? Entity = null,
    [property: Id(1)] string? Actor = null,
    [property: Id(2)] DateTimeOffset? Since = null,
    [property: Id(3)] DateTimeOffset? Until = null,
    [property: Id(4)] int PageSize = Common.Limits.DefaultPageSize,
    [property: Id(5)] string? PageToken = null);
