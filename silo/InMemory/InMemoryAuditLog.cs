using System.Globalization;
using Hive.Audit;

namespace Hive.Silo.InMemory;

/// <summary>
/// The audit trail for single-process mode: the newest events in memory, gone when the process ends.
/// Bounded so a long-running dev hive does not grow without limit; the retention pass purges it by age as it does the durable trail.
/// </summary>
public sealed class InMemoryAuditLog(int capacity = InMemoryAuditLog.DefaultCapacity) : IAuditLog
{
    public const int DefaultCapacity = 100_000;

    private readonly LinkedList<(long Seq, AuditEvent Event)> _events = new();
    private readonly Lock _gate = new();
    private long _seq;

    public Task AppendAsync(IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            foreach (var e in events)
            {
                _events.AddLast((++_seq, e));
                if (_events.Count > capacity) _events.RemoveFirst();
            }
        }
        return Task.CompletedTask;
    }

    /// <summary>Newest first; the page token is the sequence number of the last event returned.</summary>
    public Task<Page<AuditEvent>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        long? before = query.PageToken is null ? null
            : long.TryParse(query.PageToken, NumberStyles.None, CultureInfo.InvariantCulture, out var token) ? token
            : throw HiveException.Validation($"Page token '{HiveIds.Shorten(query.PageToken)}' was not issued by this audit trail.");
        lock (_gate)
        {
            var page = new List<(long Seq, AuditEvent Event)>(query.PageSize);
            for (var node = _events.Last; node is not null && page.Count < query.PageSize; node = node.Previous)
            {
                var (seq, e) = node.Value;
                if (seq >= before) continue;
                if (query.Entity is not null && e.Entity != query.Entity) continue;
                if (query.Actor is not null && e.Actor != query.Actor) continue;
                if (e.At < query.Since || e.At > query.Until) continue;
                page.Add((seq, e));
            }
            var next = page.Count == query.PageSize ? page[^1].Seq.ToString(CultureInfo.InvariantCulture) : null;
            return Task.FromResult(new Page<AuditEvent>(page.Select(p => p.Event).ToArray(), next));
        }
    }

    public Task<IReadOnlyList<AuditRecord>> OlderThanAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<AuditRecord> older = _events.Where(e => e.Event.At < before).Take(limit)
                .Select(e => new AuditRecord(e.Seq, e.Event)).ToArray();
            return Task.FromResult(older);
        }
    }

    public Task RemoveAsync(IReadOnlyList<long> sequences, CancellationToken cancellationToken = default)
    {
        var doomed = sequences.ToHashSet();
        lock (_gate)
        {
            for (var node = _events.First; node is not null;)
            {
                var next = node.Next;
                if (doomed.Contains(node.Value.Seq)) _events.Remove(node);
                node = next;
            }
        }
        return Task.CompletedTask;
    }

    /// <summary>How many events it holds, for the store-size gauges.</summary>
    public long Count
    {
        get { lock (_gate) return _events.Count; }
    }
}
