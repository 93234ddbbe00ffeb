using Hive.Messaging;

namespace Hive.Silo.InMemory;

/// <summary>
/// Inbox messages for single-process mode, gone when the process ends. Acked messages are dropped; each
/// agent keeps only its pending messages (bounded by the inbox capacity) and its last sequence.
/// </summary>
public sealed class InMemoryMessageStore : IMessageStore
{
    private readonly Dictionary<string, SortedDictionary<long, Message>> _pending = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _last = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _appended;
    private long _appends;

    /// <summary>How many messages were ever stored, across all inboxes; tests use it to prove nothing was.</summary>
    public long Appended
    {
        get { lock (_gate) return _appended; }
    }

    /// <summary>How many appends stored messages (one write each in a durable store); tests use it to count writes.</summary>
    public long Appends
    {
        get { lock (_gate) return _appends; }
    }

    public Task AppendAsync(IReadOnlyList<Message> messages, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            // Check the whole batch first, so a rejected batch stores none of its messages.
            var last = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var m in messages)
            {
                var before = last.TryGetValue(m.To, out var l) ? l : _last.GetValueOrDefault(m.To);
                if (m.Sequence <= before)
                    throw new InvalidOperationException($"Inbox '{m.To}' already holds sequence {m.Sequence} (last is {before}).");
                last[m.To] = m.Sequence;
            }
            foreach (var m in messages)
            {
                if (!_pending.TryGetValue(m.To, out var pending)) _pending[m.To] = pending = [];
                pending.Add(m.Sequence, m);
                _last[m.To] = m.Sequence;
                _appended++;
            }
            if (messages.Count > 0) _appends++;
        }
        return Task.CompletedTask;
    }

    public Task AckAsync(string agentId, IReadOnlyList<long> sequences, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_pending.TryGetValue(agentId, out var pending))
            {
                foreach (var sequence in sequences) pending.Remove(sequence);
            }
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Message>> PendingAsync(string agentId, int limit, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<Message> page = _pending.TryGetValue(agentId, out var pending) ? pending.Values.Take(limit).ToArray() : [];
            return Task.FromResult(page);
        }
    }

    public Task DropAsync(string agentId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _pending.Remove(agentId);
            _last.Remove(agentId);
        }
        return Task.CompletedTask;
    }

    public Task<long> LastSequenceAsync(string agentId, CancellationToken cancellationToken = default)
    {
        lock (_gate) return Task.FromResult(_last.GetValueOrDefault(agentId));
    }

    /// <summary>Pending messages across inboxes, for the store-size gauges.</summary>
    public long PendingCount
    {
        get { lock (_gate) return _pending.Values.Sum(p => (long)p.Count); }
    }

    /// <summary>Inboxes with a sequence (the in-memory counterpart of hive_inbox_heads), for the store-size gauges.</summary>
    public long InboxCount
    {
        get { lock (_gate) return _last.Count; }
    }
}
