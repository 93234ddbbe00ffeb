using Hive.Tasks;
using Xunit;
using static Hive.Tasks.HiveTaskStatus;
using static Hive.Tasks.TaskTrigger;
using static Hive.Tests.Unit.TaskCondition;

namespace Hive.Tests.Unit;

/// <summary>Which <see cref="TaskFacts"/> a row of the allowed table covers.</summary>
public enum TaskCondition
{
    Always,
    ApprovalNeeded,
    NoApprovalNeeded,
    AllApproved,
    ApprovalsOutstanding,
    AttemptsRemain,
    AttemptsExhausted,
    PrerequisitesSatisfied,
    PrerequisitesWaiting,
    PrerequisitesBlocked,
}

[Trait("Category", "Unit")]
public class TaskLifecycleTests
{
    private static readonly (HiveTaskStatus From, TaskTrigger Trigger, TaskCondition When, HiveTaskStatus To)[] Allowed =
    [
        (Pending, PrerequisitesMet, Always, Ready),
        (Pending, PrerequisiteFailed, Always, Blocked),
        (Blocked, PrerequisiteFailed, Always, Blocked),
        (Blocked, PrerequisiteRecovered, Always, Pending),

        (Ready, Assign, Always, Assigned),
        (Assigned, Release, Always, Ready),
        (Assigned, HandOverRefused, Always, Ready),
        (InProgress, HandOverRefused, Always, Ready),
        (AwaitingApproval, HandOverRefused, Always, Ready),
        (Assigned, Start, Always, InProgress),
        (Assigned, Progress, Always, InProgress),
        (InProgress, Progress, Always, InProgress),

        (Assigned, Complete, ApprovalNeeded, AwaitingApproval),
        (Assigned, Complete, NoApprovalNeeded, Completed),
        (InProgress, Complete, ApprovalNeeded, AwaitingApproval),
        (InProgress, Complete, NoApprovalNeeded, Completed),
        (AwaitingApproval, Approve, AllApproved, Completed),
        (AwaitingApproval, Approve, ApprovalsOutstanding, AwaitingApproval),
        (AwaitingApproval, Reject, Always, InProgress),

        (Assigned, FailTransient, AttemptsRemain, Ready),
        (Assigned, FailTransient, AttemptsExhausted, Failed),
        (InProgress, FailTransient, AttemptsRemain, Ready),
        (InProgress, FailTransient, AttemptsExhausted, Failed),
        (Assigned, FailPermanent, Always, Failed),
        (InProgress, FailPermanent, Always, Failed),

        (Pending, Cancel, Always, Cancelled),
        (Ready, Cancel, Always, Cancelled),
        (Assigned, Cancel, Always, Cancelled),
        (InProgress, Cancel, Always, Cancelled),
        (AwaitingApproval, Cancel, Always, Cancelled),
        (Blocked, Cancel, Always, Cancelled),

        (Failed, Retry, PrerequisitesSatisfied, Ready),
        (Failed, Retry, PrerequisitesWaiting, Pending),
        (Failed, Retry, PrerequisitesBlocked, Blocked),
        (Cancelled, Retry, PrerequisitesSatisfied, Ready),
        (Cancelled, Retry, PrerequisitesWaiting, Pending),
        (Cancelled, Retry, PrerequisitesBlocked, Blocked),
    ];

    private static readonly TaskFacts[] AllFacts =
    [
        .. from needsApproval in new[] { false, true }
           from allApproved in new[] { false, true }
           from attemptsRemain in new[] { false, true }
           from prerequisites in Enum.GetValues<PrerequisiteState>()
           select new TaskFacts(needsApproval, allApproved, attemptsRemain, prerequisites),
    ];

    private static readonly HiveTaskStatus[] TerminalStatuses = [Completed, Failed, Cancelled];
    private static readonly HiveTaskStatus[] HeldStatuses = [Assigned, InProgress, AwaitingApproval];

    public static TheoryData<HiveTaskStatus, TaskTrigger, TaskCondition, HiveTaskStatus> AllowedTransitions()
    {
        var data = new TheoryData<HiveTaskStatus, TaskTrigger, TaskCondition, HiveTaskStatus>();
        foreach (var row in Allowed)
        {
            data.Add(row.From, row.Trigger, row.When, row.To);
        }
        return data;
    }

    public static TheoryData<HiveTaskStatus, TaskTrigger> AllCombinations()
    {
        var data = new TheoryData<HiveTaskStatus, TaskTrigger>();
        foreach (var status in Enum.GetValues<HiveTaskStatus>())
        {
            foreach (var trigger in Enum.GetValues<TaskTrigger>())
            {
                data.Add(status, trigger);
            }
        }
        return data;
    }

    public static TheoryData<HiveTaskStatus> AllStatuses() => new(Enum.GetValues<HiveTaskStatus>());

    [Theory]
    [MemberData(nameof(AllowedTransitions))]
    public void Allowed_transition_leads_to_the_expected_status(HiveTaskStatus from, TaskTrigger trigger, TaskCondition when, HiveTaskStatus to)
    {
        foreach (var facts in AllFacts.Where(f => Holds(when, f)))
        {
            var result = TaskLifecycle.Transition(from, trigger, facts);

            Assert.True(result.Allowed, $"{facts}: {result.Error}");
            Assert.Equal(to, result.To);
            Assert.Null(result.Error);
        }
    }

    [Theory]
    [MemberData(nameof(AllCombinations))]
    public void Combination_outside_the_allowed_table_is_denied_with_a_reason(HiveTaskStatus from, TaskTrigger trigger)
    {
        var violations = AllFacts
            .Where(f => !Allowed.Any(r => r.From == from && r.Trigger == trigger && Holds(r.When, f)))
            .Select(f => (Facts: f, Result: TaskLifecycle.Transition(from, trigger, f)))
            .Where(x => x.Result.Allowed || string.IsNullOrWhiteSpace(x.Result.Error))
            .Select(x => $"{x.Facts} gave {x.Result}");

        Assert.Empty(violations);
    }

    [Fact]
    public void Every_status_and_trigger_appears_in_the_allowed_table()
    {
        Assert.All(Enum.GetValues<HiveTaskStatus>(), s => Assert.Contains(Allowed, r => r.From == s || r.To == s));
        Assert.All(Enum.GetValues<TaskTrigger>(), t => Assert.Contains(Allowed, r => r.Trigger == t));
    }

    [Theory]
    [MemberData(nameof(AllStatuses))]
    public void Only_completed_failed_and_cancelled_tasks_are_terminal(HiveTaskStatus status) =>
        Assert.Equal(TerminalStatuses.Contains(status), TaskLifecycle.IsTerminal(status));

    [Theory]
    [MemberData(nameof(AllStatuses))]
    public void Only_assigned_in_progress_and_awaiting_approval_tasks_are_held_by_an_agent(HiveTaskStatus status) =>
        Assert.Equal(HeldStatuses.Contains(status), TaskLifecycle.IsHeld(status));

    [Theory]
    [MemberData(nameof(AllStatuses))]
    public void Terminal_task_leaves_its_status_only_by_retry(HiveTaskStatus status)
    {
        if (TaskLifecycle.IsTerminal(status))
        {
            Assert.All(Allowed.Where(r => r.From == status), r => Assert.Equal(Retry, r.Trigger));
        }
    }

    [Fact]
    public void Completed_work_awaits_approval_when_approval_is_needed() =>
        Assert.Equal(AwaitingApproval, TaskLifecycle.Transition(InProgress, Complete, new TaskFacts(NeedsApproval: true)).To);

    [Fact]
    public void Approval_completes_the_task_only_once_every_approver_agreed()
    {
        Assert.Equal(AwaitingApproval, TaskLifecycle.Transition(AwaitingApproval, Approve, new TaskFacts(AllApproved: false)).To);
        Assert.Equal(Completed, TaskLifecycle.Transition(AwaitingApproval, Approve, new TaskFacts(AllApproved: true)).To);
    }

    [Fact]
    public void Transient_failure_returns_the_task_to_ready_while_attempts_remain() =>
        Assert.Equal(Ready, TaskLifecycle.Transition(InProgress, FailTransient, new TaskFacts(AttemptsRemain: true)).To);

    [Fact]
    public void Retried_task_is_blocked_again_while_a_prerequisite_is_still_failed() =>
        Assert.Equal(Blocked, TaskLifecycle.Transition(Failed, Retry, new TaskFacts(Prerequisites: PrerequisiteState.Blocked)).To);

    [Fact]
    public void Completed_task_can_be_neither_cancelled_nor_retried()
    {
        Assert.False(TaskLifecycle.Transition(Completed, Cancel).Allowed);
        Assert.False(TaskLifecycle.Transition(Completed, Retry).Allowed);
    }

    /// <summary>Where a task stands after its prerequisites change, for every status it may be in and every standing.</summary>
    private static readonly (HiveTaskStatus From, PrerequisiteState Standing, HiveTaskStatus To)[] AfterPrerequisiteChange =
    [
        (Pending, PrerequisiteState.Met, Ready),
        (Pending, PrerequisiteState.Waiting, Pending),
        (Pending, PrerequisiteState.Blocked, Blocked),
        (Blocked, PrerequisiteState.Met, Ready),
        (Blocked, PrerequisiteState.Waiting, Pending),
        (Blocked, PrerequisiteState.Blocked, Blocked),
    ];

    public static TheoryData<PrerequisiteState, HiveTaskStatus> InitialStatuses() => new()
    {
        { PrerequisiteState.Met, Ready },
        { PrerequisiteState.Waiting, Pending },
        { PrerequisiteState.Blocked, Blocked },
    };

    public static TheoryData<HiveTaskStatus, PrerequisiteState> StatusesAndStandings()
    {
        var data = new TheoryData<HiveTaskStatus, PrerequisiteState>();
        foreach (var status in Enum.GetValues<HiveTaskStatus>())
        {
            foreach (var standing in Enum.GetValues<PrerequisiteState>())
            {
                data.Add(status, standing);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(InitialStatuses))]
    public void New_task_starts_where_its_prerequisites_stand(PrerequisiteState prerequisites, HiveTaskStatus initial) =>
        Assert.Equal(initial, TaskLifecycle.Initial(prerequisites));

    [Theory]
    [MemberData(nameof(StatusesAndStandings))]
    public void Retried_task_starts_again_where_a_new_one_would(HiveTaskStatus from, PrerequisiteState prerequisites)
    {
        var retry = TaskLifecycle.Transition(from, Retry, new TaskFacts(Prerequisites: prerequisites));

        if (retry.Allowed) Assert.Equal(TaskLifecycle.Initial(prerequisites), retry.To);
    }

    [Theory]
    [MemberData(nameof(StatusesAndStandings))]
    public void Prerequisite_change_moves_only_a_pending_or_blocked_task(HiveTaskStatus from, PrerequisiteState standing)
    {
        var expected = AfterPrerequisiteChange.Where(r => r.From == from && r.Standing == standing).Select(r => (HiveTaskStatus?)r.To).SingleOrDefault() ?? from;

        Assert.Equal(expected, TaskLifecycle.AfterPrerequisites(from, standing));
    }

    [Theory]
    [MemberData(nameof(StatusesAndStandings))]
    public void Prerequisite_change_takes_only_steps_of_the_allowed_table(HiveTaskStatus from, PrerequisiteState standing)
    {
        var to = TaskLifecycle.AfterPrerequisites(from, standing);
        var prerequisiteTriggers = new[] { PrerequisitesMet, PrerequisiteFailed, PrerequisiteRecovered };

        // One step, or two through pending (blocked, then recovered and met at once).
        var direct = Allowed.Any(r => r.From == from && r.To == to && prerequisiteTriggers.Contains(r.Trigger));
        var throughPending = Allowed.Any(r => r.From == from && r.To == Pending && prerequisiteTriggers.Contains(r.Trigger))
            && Allowed.Any(r => r.From == Pending && r.To == to && prerequisiteTriggers.Contains(r.Trigger));
        Assert.True(to == from || direct || throughPending, $"{from} went to {to}");
    }

    [Fact]
    public void Completing_asks_whether_approval_is_needed()
    {
        Assert.Equal(AwaitingApproval, TaskLifecycle.Transition(Assigned, Complete, new TaskFacts(NeedsApproval: true)).To);
        Assert.Equal(Completed, TaskLifecycle.Transition(Assigned, Complete, new TaskFacts(NeedsApproval: false)).To);
    }

    [Fact]
    public void Transient_failure_fails_the_task_once_its_attempts_are_used_up() =>
        Assert.Equal(Failed, TaskLifecycle.Transition(Assigned, FailTransient, new TaskFacts(AttemptsRemain: false)).To);

    [Fact]
    public void Permanent_failure_fails_the_task_whatever_attempts_remain() =>
        Assert.Equal(Failed, TaskLifecycle.Transition(InProgress, FailPermanent, new TaskFacts(AttemptsRemain: true)).To);

    private static bool Holds(TaskCondition when, TaskFacts facts) => when switch
    {
        Always => true,
        ApprovalNeeded => facts.NeedsApproval,
        NoApprovalNeeded => !facts.NeedsApproval,
        AllApproved => facts.AllApproved,
        ApprovalsOutstanding => !facts.AllApproved,
        AttemptsRemain => facts.AttemptsRemain,
        AttemptsExhausted => !facts.AttemptsRemain,
        PrerequisitesSatisfied => facts.Prerequisites == PrerequisiteState.Met,
        PrerequisitesWaiting => facts.Prerequisites == PrerequisiteState.Waiting,
        PrerequisitesBlocked => facts.Prerequisites == PrerequisiteState.Blocked,
        _ => throw new ArgumentOutOfRangeException(nameof(when), when, null),
    };
}
