namespace Hive.Tasks;

/// <summary>How a task's prerequisites add up, and how a task looks to its own dependents.</summary>
public static class TaskDependencies
{
    /// <summary>Met when all completed; Blocked when any failed, was cancelled or is itself blocked; Waiting otherwise.</summary>
    public static PrerequisiteState Evaluate(IReadOnlyDictionary<string, HiveTaskStatus> prerequisites)
    {
        if (prerequisites.Values.Any(s => ClassOf(s) == PrerequisiteState.Blocked)) return PrerequisiteState.Blocked;
        return prerequisites.Values.All(s => s == HiveTaskStatus.Completed) ? PrerequisiteState.Met : PrerequisiteState.Waiting;
    }

    /// <summary>How a task in <paramref name="status"/> counts as a prerequisite of others.</summary>
    public static PrerequisiteState ClassOf(HiveTaskStatus status) => status switch
    {
        HiveTaskStatus.Completed => PrerequisiteState.Met,
        HiveTaskStatus.Failed or HiveTaskStatus.Cancelled or HiveTaskStatus.Blocked => PrerequisiteState.Blocked,
        _ => PrerequisiteState.Waiting,
    };

    /// <summary>The reason shown on a blocked task, naming each prerequisite that blocks it; null when none does.</summary>
    public static string? BlockReason(IReadOnlyDictionary<string, HiveTaskStatus> prerequisites)
    {
        var blocking = prerequisites.Where(p => ClassOf(p.Value) == PrerequisiteState.Blocked)
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => $"{p.Key} is {p.Value}")
            .ToArray();
        return blocking.Length == 0 ? null : "blocked: prerequisite " + string.Join("; ", blocking);
    }
}
