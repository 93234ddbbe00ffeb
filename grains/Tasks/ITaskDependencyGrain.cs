namespace Hive.Tasks;

/// <summary>
/// What tasks tell each other about their prerequisites. Grain-to-grain only: internal to the grains, so no client can
/// call it. A task id that is not valid, or a status that is not one, is refused (<c>validation</c>), changing nothing.
/// </summary>
internal interface ITaskDependencyGrain : IGrainWithStringKey
{
    /// <summary>Registers a dependent task and returns this task's status, so the dependent knows whether the prerequisite is already met.</summary>
    Task<HiveTaskStatus> AddDependent(string dependentTaskId);

    /// <summary>A prerequisite changed status (completed, failed, cancelled, or recovered by a retry).</summary>
    Task PrerequisiteChanged(string prerequisiteId, HiveTaskStatus status);
}
