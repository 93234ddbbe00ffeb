namespace Hive.Ports;

/// <summary>The listing index grains write to and listings read from. Adapters: in-memory, PostgreSQL.</summary>
public interface IEntityCatalog
{
    /// <summary>Writes the rows, each only when newer than what is stored. Returns when they are durable.</summary>
    Task UpsertAsync(IReadOnlyList<CatalogEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>Rows matching the query, ordered by id, at most <see cref="CatalogQuery.PageSize"/>.</summary>
    Task<IReadOnlyList<CatalogEntry>> QueryAsync(CatalogQuery query, CancellationToken cancellationToken = default);

    /// <summary>How many rows of <paramref name="kind"/> are in each status.</summary>
    Task<IReadOnlyDictionary<string, long>> CountByStatusAsync(EntityKind kind, CancellationToken cancellationToken = default);

    /// <summary>Rows whose wake time is at or before <paramref name="now"/>, earliest first.</summary>
    Task<IReadOnlyList<CatalogEntry>> DueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Rows of <paramref name="kind"/> in one of <paramref name="statuses"/> that last changed before <paramref name="updatedBefore"/>,
    /// ordered by id after <paramref name="afterId"/> (null: from the start), at most <paramref name="limit"/>: the candidates
    /// for purging finished entities.
    /// </summary>
    Task<IReadOnlyList<CatalogEntry>> FinishedBeforeAsync(EntityKind kind, IReadOnlyCollection<string> statuses, DateTimeOffset updatedBefore,
        string? afterId, int limit, CancellationToken cancellationToken = default);

    /// <summary>Deletes the rows (whatever their version), so a purged entity is listed nowhere. Unknown keys are ignored.</summary>
    Task RemoveAsync(IReadOnlyList<CatalogKey> keys, CancellationToken cancellationToken = default);

    /// <summary>Rows whose <see cref="CatalogEntry.Host"/> is one of <paramref name="hosts"/>, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<CatalogEntry>> HostedOnAsync(IReadOnlyCollection<string> hosts, int limit, CancellationToken cancellationToken = default);
}
