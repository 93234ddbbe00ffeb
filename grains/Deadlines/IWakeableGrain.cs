namespace Hive.Deadlines;

/// <summary>
/// A grain with a deadline (agent, task, escalation, memory key) that the deadline sweeper brings back after its
/// activation was lost, to check the deadline or finish what its outbox holds. Grain-to-grain only: internal to the
/// grains, so no client can call it. Reach it through the grain's own interface: <c>AsReference&lt;IWakeableGrain&gt;()</c>.
/// </summary>
internal interface IWakeableGrain : IGrainWithStringKey
{
    /// <summary>Checks the grain's deadline now; a grain that does not exist does nothing.</summary>
    Task Wake();
}
