namespace Hive.Silo.InMemory;

/// <summary>The catalog for single-process mode: rows in a dictionary, gone when the process ends.</summary>
public sealed class InMemoryEntityCatalog : IEntityCatalog
{
    private readonly Dictionary<(EntityKind, string), CatalogEntry> _rows = [];
    private readonly Lock _gate = new();

    public Task UpsertAsync(IReadOnlyList<CatalogEntry> entries, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            foreach (var entry in entries)
            {
                var key = (entry.Kind, entry.Id);
                if (!_rows.TryGetValue(key, out var current) || current.Version < entry.Version)
                    _rows[key] = entry;
            }
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<CatalogEntry>> QueryAsync(CatalogQuery query, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<CatalogEntry> page = _rows.Values
                .Where(r => r.Kind == query.Kind
                    && (query.Status is null || r.Status == query.Status)
                    && (query.Tag is null || r.Tags.Contains(query.Tag, StringComparer.Ordinal))
                    && (query.Type is null || r.Type == query.Type)
                    && (query.Owner is null || r.Owner == query.Owner)
                    && (query.Scope is null || r.Scope == query.Scope)
                    && (query.AfterId is null || string.CompareOrdinal(r.Id, query.AfterId) > 0))
                .OrderBy(r => r.Id, StringComparer.Ordinal)
                .Take(query.PageSize)
                .ToArray();
            return Task.FromResult(page);
        }
    }

    public Task<IReadOnlyDictionary<string, long>> CountByStatusAsync(EntityKind kind, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyDictionary<string, long> counts = _rows.Values.Where(r => r.Kind == kind)
                .GroupBy(r => r.Status, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.LongCount(), StringComparer.Ordinal);
            return Task.FromResult(counts);
        }
    }

    public Task<IReadOnlyList<CatalogEntry>> DueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<CatalogEntry> due = _rows.Values
                .Where(r => r.WakeAt <= now)
                .OrderBy(r => r.WakeAt)
                .Take(limit)
                .ToArray();
            return Task.FromResult(due);
        }
    }

    public Task<IReadOnlyList<CatalogEntry>> FinishedBeforeAsync(EntityKind kind, IReadOnlyCollection<string> statuses, DateTimeOffset updatedBefore,
        string? afterId, int limit, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<CatalogEntry> finished = _rows.Values
                .Where(r => r.Kind == kind && statuses.Contains(r.Status) && r.UpdatedAt < updatedBefore
                    && (afterId is null || string.CompareOrdinal(r.Id, afterId) > 0))
                .OrderBy(r => r.Id, StringComparer.Ordinal)
                .Take(limit)
                .ToArray();
            return Task.FromResult(finished);
        }
    }

    public Task RemoveAsync(IReadOnlyList<CatalogKey> keys, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            foreach (var key in keys) _rows.Remove((key.Kind, key.Id));
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<CatalogEntry>> HostedOnAsync(IReadOnlyCollection<string> hosts, int limit, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<CatalogEntry> hosted = _rows.Values
                .Where(r => r.Host is not null && hosts.Contains(r.Host))
                .Take(limit)
                .ToArray();
            return Task.FromResult(hosted);
        }
    }

    /// <summary>How many rows it holds, for the store-size gauges.</summary>
    public long Count
    {
        get { lock (_gate) return _rows.Count; }
    }
}
