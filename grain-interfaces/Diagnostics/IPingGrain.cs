using Hive.Health;
using Hive.Security;

namespace Hive.Diagnostics;

/// <summary>
/// A diagnostics grain with no state and no work: the load generator's no-op baseline, so every read is measured
/// against the cost of a bare call through the same client, gateway and call filters.
/// </summary>
public interface IPingGrain : IGrainWithIntegerKey
{
    /// <summary>Returns at once; touches no storage. Declared a read so the service-level filter treats it as one.</summary>
    [Operation(OperationKind.Read, Actor = Acts.Caller)]
    [ReadOnly]
    Task Ping();
}
