using Hive.Audit;

namespace Hive.Ports;

/// <summary>The append-only audit trail. Adapters: in-memory, PostgreSQL.</summary>
public interface IAuditLog
{
    /// <summary>Appends the events in order. Returns when they are durable.</summary>
    Task AppendAsync(IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken = default);

    /// <summary>Events matching the query, newest first.</summary>
    Task<Page<AuditEvent>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default);
}
