namespace Hive.Tasks;

/// <summary>
/// What an agent grain asks of a task about its assignment. Grain-to-grain only: internal to the grains, so no
/// client can call it.
/// </summary>
internal interface ITaskAssignmentGrain : IGrainWithStringKey
{
    /// <summary>
    /// Hands a ready task to an agent whose roles the claimer already checked; false when it is no longer ready.
    /// Called by agents' claims. An agent id that is not valid, or names no registered agent, is refused
    /// (<c>validation</c>), changing nothing.
    /// </summary>
    Task<bool> TryAssign(string agentId);

    /// <summary>
    /// Returns the task to the ready queue when it is still assigned to <paramref name="agentId"/> and not started, because
    /// that agent does not hold it (its claim was never recorded on its side). Audited; the attempt is given back.
    /// False, and nothing changes, when the task is no longer assigned to that agent.
    /// </summary>
    Task<bool> ReleaseUnheld(string agentId);
}
