namespace Hive.Agents;

/// <summary>
/// What a task tells the agent that holds it. Grain-to-grain only: internal to the grains, so no client can call it.
/// A task id or actor that is not a valid id is refused (<c>validation</c>), changing nothing.
/// </summary>
internal interface IAgentAssignmentGrain : IGrainWithStringKey
{
    /// <summary>
    /// Called by a task restored from a snapshot that this agent held there, after the task's own write: the agent holds
    /// it here too. Refused (<c>conflict</c>), changing nothing, unless the task says this agent holds it.
    /// </summary>
    Task AdoptRestoredTask(string taskId, string actor);

    /// <summary>Called by a task when it no longer holds this agent (completed, failed, cancelled, released).</summary>
    Task TaskReleased(string taskId);
}
