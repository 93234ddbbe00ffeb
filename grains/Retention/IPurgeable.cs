namespace Hive.Retention;

/// <summary>
/// An entity grain the retention pass can remove once it has been finished for the retention period. Grain-to-grain
/// only: internal to the grains, so no client can call it.
/// </summary>
internal interface IPurgeable : IGrainWithStringKey
{
    /// <summary>
    /// When the entity is finished and last changed before <paramref name="finishedBefore"/>: removes its state and its
    /// catalog row in one write through the grain's own write path, audits a <c>purged</c> event (its audit trail stays),
    /// and deactivates, so the id can be created again from scratch. False, and nothing changes, when the entity does not
    /// exist or is not finished that long (it changed since the catalog said so, or something still depends on it).
    /// </summary>
    Task<bool> Purge(DateTimeOffset finishedBefore);
}
