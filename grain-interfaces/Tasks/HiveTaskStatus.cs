namespace Hive.Tasks;

/// <summary>Where a task is in its life. <see cref="Blocked"/> means a prerequisite failed or was cancelled.</summary>
public enum HiveTaskStatus
{
    Pending = 0,
    Ready = 1,
    Assigned = 2,
    InProgress = 3,
    AwaitingApproval = 4,
    Completed = 5,
    Failed = 6,
    Cancelled = 7,
    Blocked = 8,
}
