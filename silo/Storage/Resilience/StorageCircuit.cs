namespace Hive.Silo.Storage.Resilience;

/// <summary>The storage circuit breaker's state, as health checks and metrics see it.</summary>
public enum StorageCircuit
{
    /// <summary>Calls go to the database.</summary>
    Closed = 0,

    /// <summary>The database failed repeatedly: calls fail at once until the break is over.</summary>
    Open = 1,

    /// <summary>The break is over and one call is probing the database.</summary>
    HalfOpen = 2,
}
