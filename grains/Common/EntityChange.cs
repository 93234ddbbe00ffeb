using Hive.Audit;

namespace Hive.Common;

/// <summary>One change an entity grain makes: its audit event, and what it adds to the meter once stored.</summary>
public sealed record EntityChange(AuditEvent Event, ChangeMetric Metric);
