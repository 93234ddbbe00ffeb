namespace Hive.Tasks;

/// <summary>What can happen to a task.</summary>
public enum TaskTrigger
{
    PrerequisitesMet,
    PrerequisiteFailed,
    PrerequisiteRecovered,
    Assign,
    Start,
    Progress,
    Complete,
    Approve,
    Reject,
    FailTransient,
    FailPermanent,
    Cancel,
    Retry,

    /// <summary>An assigned task whose agent does not hold it (its own write failed) goes back to the ready queue.</summary>
    Release,

    /// <summary>A restored held task whose agent would not take it up (it took other work meanwhile) goes back to the ready queue.</summary>
    HandOverRefused,
}

/// <summary>Where a task's prerequisites stand.</summary>
public enum PrerequisiteState
{
    Met,
    Waiting,
    Blocked,
}

/// <summary>The facts about a task that some transitions depend on.</summary>
public readonly record struct TaskFacts(
    bool NeedsApproval = false,
    bool AllApproved = false,
    bool AttemptsRemain = false,
    PrerequisiteState Prerequisites = PrerequisiteState.Met);
