namespace Hive.Deadlines;

/// <summary>
/// The one grain that wakes others whose deadline passed while they were not activated. Every silo pings it
/// (see the silo's sweeper keeper), so it comes back on a surviving silo within one interval if its own dies.
/// </summary>
public interface IDeadlineSweeperGrain : IGrainWithIntegerKey
{
    /// <summary>Makes sure the sweeper is activated and its timer runs.</summary>
    Task Ensure();

    /// <summary>Wakes every grain that is due now; returns how many were woken.</summary>
    Task<int> Sweep();
}
