using Hive.Security;

namespace Hive.Health;

/// <summary>
/// The hive's one health authority (key 0): evaluates signals on a timer, holds the service level with
/// hysteresis, an operator's pin, and the halt switch. Every change is audited and escalated.
/// </summary>
public interface IHiveHealthGrain : IGrainWithIntegerKey
{
    /// <summary>The level and halt state now.</summary>
    [AlwaysInterleave, Operation(OperationKind.Read, Actor = Acts.Caller, Scope = Scopes.Read)]
    Task<HiveHealthStatus> GetStatus();

    /// <summary>An operator holds the hive at <paramref name="level"/> until unpinned; evaluation goes on underneath.</summary>
    [Operation(OperationKind.OperatorCommand, Actor = "actor", Scope = Scopes.Level)]
    Task<HiveHealthStatus> Pin(ServiceLevel level, string actor, string reason);

    /// <summary>Returns the hive to the evaluated level.</summary>
    [Operation(OperationKind.OperatorCommand, Actor = "actor", Scope = Scopes.Level)]
    Task<HiveHealthStatus> Unpin(string actor);

    /// <summary>Stops every mutating task and memory operation until resumed. Operators, or agents of a role allowed to halt.</summary>
    [Operation(OperationKind.OperatorCommand, Actor = "actor", Scope = Scopes.Halt)]
    Task<HiveHealthStatus> Halt(string actor, string reason);

    /// <summary>Lifts the halt.</summary>
    [Operation(OperationKind.OperatorCommand, Actor = "actor", Scope = Scopes.Halt)]
    Task<HiveHealthStatus> Resume(string actor);

    /// <summary>Runs one evaluation now (the timer does this every interval).</summary>
    [Operation(OperationKind.OperatorCommand, Actor = Acts.Caller, Scope = Scopes.Level)]
    Task<HiveHealthStatus> Evaluate();
}
