using Hive.Health;
using Hive.Security;

namespace Hive.Memory;

/// <summary>
/// One memory key, keyed by <see cref="Common.GrainKeys.MemoryKey"/>. Writes to one key are applied one at a time,
/// so compare-and-set is exact. Every accepted write is recorded in the channel's change log before it is applied.
/// A rejected call (bad input, stale version) has changed nothing. Service authors use Hive.Client instead.
/// </summary>
public interface IMemoryKeyGrain : IGrainWithStringKey
{
    /// <summary>
    /// Writes <paramref name="valueJson"/> (valid JSON within the configured size) as <paramref name="author"/>.
    /// <paramref name="expectedVersion"/>: null writes unconditionally; 0 only when the key does not exist now;
    /// v &gt; 0 only when it exists at version v — otherwise <c>conflict</c> carrying the current version (0 when absent).
    /// <paramref name="ttl"/> (positive, at most 30 days) makes the value disappear after that long; null keeps it.
    /// </summary>
    [Operation(OperationKind.MemoryWrite, Actor = "author", Scope = Scopes.Memory)]
    Task<MemoryEntry> Put(string valueJson, string author, long? expectedVersion, TimeSpan? ttl);

    /// <summary>The value now; null when the key does not exist or its time to live has run out.</summary>
    [Operation(OperationKind.Read, Actor = Acts.Caller, Scope = Scopes.Read)]
    [ReadOnly]
    Task<MemoryEntry?> Get();

    /// <summary>
    /// Deletes the value as <paramref name="author"/>; true when there was one. <paramref name="expectedVersion"/>
    /// works as for <see cref="Put"/>. Deleting an absent key changes nothing and returns false.
    /// </summary>
    [Operation(OperationKind.MemoryWrite, Actor = "author", Scope = Scopes.Memory)]
    Task<bool> Delete(string author, long? expectedVersion);
}
