using Hive.Health;

namespace Hive.Client;

/// <summary>The hive's service level and halt switch: read them, pin a level, halt and resume.</summary>
public sealed class HiveHealth(IClusterClient cluster, HiveCalls calls)
{
    private IHiveHealthGrain Health => cluster.GetGrain<IHiveHealthGrain>(0);

    /// <summary>The level now (full, reduced, essential, emergency), whether it is pinned, and whether the hive is halted.</summary>
    public Task<HiveHealthStatus> GetStatusAsync() => calls.Run(() => Health.GetStatus());

    /// <summary>Holds the hive at <paramref name="level"/> until unpinned. Operators use the actor form <c>operator:&lt;name&gt;</c>.</summary>
    public Task<HiveHealthStatus> PinAsync(ServiceLevel level, string actor, string reason) => calls.Run(() => Health.Pin(level, actor, reason), ("reason", reason));

    public Task<HiveHealthStatus> UnpinAsync(string actor) => calls.Run(() => Health.Unpin(actor));

    /// <summary>Rejects every task and memory change until resumed. Operators, or agents of a role allowed to halt (default <c>quality</c>).</summary>
    public Task<HiveHealthStatus> HaltAsync(string actor, string reason) => calls.Run(() => Health.Halt(actor, reason), ("reason", reason));

    public Task<HiveHealthStatus> ResumeAsync(string actor) => calls.Run(() => Health.Resume(actor));
}
