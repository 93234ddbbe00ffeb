using Hive.Audit;

namespace Hive.Ports;

/// <summary>The append-only audit trail. Adapters: in-memory, PostgreSQL.</summary>
public interface IAuditLog
{
    /// <summary>Appends the events in order. Returns when they are durable.</summary>
    Task AppendAsync(IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken = default);

    /// <summary>Events matching the query, newest first.</summary>
    Task<Page<AuditEvent>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// At most <paramref name="limit"/> events that happened before <paramref name="before"/>, in sequence order, with their
    /// sequence numbers: what a retention purge exports and then removes. Which of the older events come first is up to the store.
    /// </summary>
    Task<IReadOnlyList<AuditRecord>> OlderThanAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken = default);

    /// <summary>Deletes the events with these sequence numbers for good; unknown ones are ignored.</summary>
    Task RemoveAsync(IReadOnlyList<long> sequences, CancellationToken cancellationToken = default);
}
