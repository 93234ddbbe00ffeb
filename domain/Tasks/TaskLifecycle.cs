namespace Hive.Tasks;

/// <summary>The outcome of asking the task lifecycle for a transition: the new status, or why not.</summary>
public readonly record struct TaskTransition(bool Allowed, HiveTaskStatus To, string? Error)
{
    public static TaskTransition Move(HiveTaskStatus to) => new(true, to, null);
    public static TaskTransition Deny(string error) => new(false, default, error);
}

/// <summary>The task status machine, pure so it can be table-tested without a cluster.</summary>
public static class TaskLifecycle
{
    public static TaskTransition Transition(HiveTaskStatus from, TaskTrigger trigger, TaskFacts facts = default) =>
        (trigger, from) switch
        {
            (TaskTrigger.PrerequisitesMet, HiveTaskStatus.Pending) => TaskTransition.Move(HiveTaskStatus.Ready),
            (TaskTrigger.PrerequisiteFailed, HiveTaskStatus.Pending or HiveTaskStatus.Blocked) => TaskTransition.Move(HiveTaskStatus.Blocked),
            (TaskTrigger.PrerequisiteRecovered, HiveTaskStatus.Blocked) => TaskTransition.Move(HiveTaskStatus.Pending),

            (TaskTrigger.Assign, HiveTaskStatus.Ready) => TaskTransition.Move(HiveTaskStatus.Assigned),
            (TaskTrigger.Release, HiveTaskStatus.Assigned) => TaskTransition.Move(HiveTaskStatus.Ready),
            (TaskTrigger.HandOverRefused, HiveTaskStatus.Assigned or HiveTaskStatus.InProgress or HiveTaskStatus.AwaitingApproval) =>
                TaskTransition.Move(HiveTaskStatus.Ready),
            (TaskTrigger.Start, HiveTaskStatus.Assigned) => TaskTransition.Move(HiveTaskStatus.InProgress),
            (TaskTrigger.Progress, HiveTaskStatus.Assigned or HiveTaskStatus.InProgress) => TaskTransition.Move(HiveTaskStatus.InProgress),

            (TaskTrigger.Complete, HiveTaskStatus.Assigned or HiveTaskStatus.InProgress) =>
                TaskTransition.Move(facts.NeedsApproval ? HiveTaskStatus.AwaitingApproval : HiveTaskStatus.Completed),
            (TaskTrigger.Approve, HiveTaskStatus.AwaitingApproval) =>
                TaskTransition.Move(facts.AllApproved ? HiveTaskStatus.Completed : HiveTaskStatus.AwaitingApproval),
            (TaskTrigger.Reject, HiveTaskStatus.AwaitingApproval) => TaskTransition.Move(HiveTaskStatus.InProgress),

            (TaskTrigger.FailTransient, HiveTaskStatus.Assigned or HiveTaskStatus.InProgress) =>
                TaskTransition.Move(facts.AttemptsRemain ? HiveTaskStatus.Ready : HiveTaskStatus.Failed),
            (TaskTrigger.FailPermanent, HiveTaskStatus.Assigned or HiveTaskStatus.InProgress) => TaskTransition.Move(HiveTaskStatus.Failed),

            (TaskTrigger.Cancel, HiveTaskStatus.Completed or HiveTaskStatus.Failed or HiveTaskStatus.Cancelled) =>
                TaskTransition.Deny($"a task that is {from} cannot be cancelled"),
            (TaskTrigger.Cancel, _) => TaskTransition.Move(HiveTaskStatus.Cancelled),

            (TaskTrigger.Retry, HiveTaskStatus.Failed or HiveTaskStatus.Cancelled) => TaskTransition.Move(Initial(facts.Prerequisites)),

            _ => TaskTransition.Deny(Explain(from, trigger)),
        };

    /// <summary>Where a new task starts, and a retried one starts again: from where its prerequisites stand.</summary>
    public static HiveTaskStatus Initial(PrerequisiteState prerequisites) => prerequisites switch
    {
        PrerequisiteState.Met => HiveTaskStatus.Ready,
        PrerequisiteState.Blocked => HiveTaskStatus.Blocked,
        _ => HiveTaskStatus.Pending,
    };

    /// <summary>
    /// Where a task goes when its prerequisites come to stand at <paramref name="standing"/>: a pending or blocked task is
    /// blocked by a failed one, pending again once none blocks, and ready once all completed (a blocked one whose
    /// prerequisites all completed meanwhile goes through pending to ready). Any other task stays where it is.
    /// </summary>
    public static HiveTaskStatus AfterPrerequisites(HiveTaskStatus from, PrerequisiteState standing)
    {
        var trigger = (standing, from) switch
        {
            (PrerequisiteState.Blocked, HiveTaskStatus.Pending or HiveTaskStatus.Blocked) => TaskTrigger.PrerequisiteFailed,
            (not PrerequisiteState.Blocked, HiveTaskStatus.Blocked) => TaskTrigger.PrerequisiteRecovered,
            (PrerequisiteState.Met, HiveTaskStatus.Pending) => TaskTrigger.PrerequisitesMet,
            _ => (TaskTrigger?)null,
        };
        var to = trigger is { } t ? Transition(from, t).To : from;
        return to == HiveTaskStatus.Pending && standing == PrerequisiteState.Met ? Transition(to, TaskTrigger.PrerequisitesMet).To : to;
    }

    /// <summary>Statuses a task never leaves by itself: completed is final; failed and cancelled only by an operator's retry.</summary>
    public static bool IsTerminal(HiveTaskStatus status) =>
        status is HiveTaskStatus.Completed or HiveTaskStatus.Failed or HiveTaskStatus.Cancelled;

    /// <summary>Statuses in which an agent holds the task.</summary>
    public static bool IsHeld(HiveTaskStatus status) =>
        status is HiveTaskStatus.Assigned or HiveTaskStatus.InProgress or HiveTaskStatus.AwaitingApproval;

    private static string Explain(HiveTaskStatus from, TaskTrigger trigger) => trigger switch
    {
        TaskTrigger.Assign => $"the task is {from}, not ready, so it cannot be claimed",
        TaskTrigger.Release => $"the task is {from}; only an assigned task that no agent started can be released",
        TaskTrigger.HandOverRefused => $"the task is {from}; only a held task is handed to an agent",
        TaskTrigger.Start or TaskTrigger.Progress => $"the task is {from}; only an assigned or in-progress task can be worked on",
        TaskTrigger.Complete => $"the task is {from}; only an assigned or in-progress task can be completed",
        TaskTrigger.Approve or TaskTrigger.Reject => $"the task is {from}, not awaiting approval",
        TaskTrigger.FailTransient or TaskTrigger.FailPermanent => $"the task is {from}; only an assigned or in-progress task can fail",
        TaskTrigger.Retry => $"the task is {from}; only a failed or cancelled task can be retried",
        _ => $"{trigger} does not apply to a task that is {from}",
    };
}
