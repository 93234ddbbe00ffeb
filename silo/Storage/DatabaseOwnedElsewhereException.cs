using Hive.Silo.Hosting;

namespace Hive.Silo.Storage;

/// <summary>The database belongs to another hive: starting on it would mix two hives' catalogs, audits and inboxes.</summary>
public sealed class DatabaseOwnedElsewhereException(string owner, string serviceId)
    : Exception($"the database belongs to service id '{owner}', but this silo's {Setting} is '{serviceId}'; "
        + $"set {Setting} to '{owner}', or give this hive a database of its own.")
{
    /// <summary>The setting that names this silo's hive.</summary>
    public const string Setting = HiveSiloOptions.Section + ":ServiceId";

    public string Owner { get; } = owner;
    public string ServiceId { get; } = serviceId;
}
