using Npgsql;

namespace Hive.Silo.Storage;

/// <summary>
/// Which hive a database belongs to (<c>hive_owner</c>, migration 0006). Only grain state is keyed by service id, so a
/// second hive on the same database would mix its catalog, audit trail, memory log and inboxes with the first one's.
/// </summary>
public static class DatabaseOwner
{
    // The single-row key decides between silos of two hives starting together on a fresh database: one insert wins.
    private const string Claim = "INSERT INTO hive_owner (service_id) VALUES (@service_id) ON CONFLICT DO NOTHING";

    // A statement of its own, so it sees the winner even when that was another silo's insert committed meanwhile.
    private const string Owner = "SELECT service_id FROM hive_owner";

    /// <summary>
    /// Claims the (migrated) database for <paramref name="serviceId"/> unless it already belongs to a hive; throws
    /// <see cref="DatabaseOwnedElsewhereException"/>, changing nothing, when that hive has another service id.
    /// </summary>
    public static async Task ClaimAsync(NpgsqlDataSource dataSource, string serviceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentException.ThrowIfNullOrEmpty(serviceId);
        await using (var claim = dataSource.CreateCommand(Claim))
        {
            claim.Parameters.AddWithValue("service_id", serviceId);
            await claim.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var read = dataSource.CreateCommand(Owner);
        var owner = (string)(await read.ExecuteScalarAsync(cancellationToken))!;
        if (owner != serviceId) throw new DatabaseOwnedElsewhereException(owner, serviceId);
    }
}
