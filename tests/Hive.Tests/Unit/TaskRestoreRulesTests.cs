namespace Hive.Tests.Unit;

/// <summary>A restored task must be a state its lifecycle could have reached, given its prerequisites now.</summary>
[Trait("Category", "Unit")]
public class TaskRestoreRulesTests
{
    private static readonly TaskSpec Spec = new("t1", "Task", "chore", PrimaryRole: "builder", Prerequisites: ["p1"], RequiredApprovals: ["checker"], MaxAttempts: 3);
    private static readonly Approval Checked = new("checker", "c1", null, DateTimeOffset.UnixEpoch);

    public static TheoryData<TaskRestore, HiveTaskStatus, bool> Cases => new()
    {
        { new(Spec, HiveTaskStatus.Pending), HiveTaskStatus.Ready, true },
        { new(Spec, HiveTaskStatus.Pending), HiveTaskStatus.Completed, false },
        { new(Spec, HiveTaskStatus.Ready), HiveTaskStatus.Completed, true },
        { new(Spec, HiveTaskStatus.Ready, Attempts: 3), HiveTaskStatus.Completed, false },
        { new(Spec, HiveTaskStatus.Ready, AssignedAgent: "a1"), HiveTaskStatus.Completed, false },
        { new(Spec, HiveTaskStatus.Blocked), HiveTaskStatus.Failed, true },
        { new(Spec, HiveTaskStatus.Blocked), HiveTaskStatus.Ready, false },
        { new(Spec, HiveTaskStatus.InProgress, "a1", 1, 40, "halfway"), HiveTaskStatus.Completed, true },
        { new(Spec, HiveTaskStatus.InProgress, null, 1), HiveTaskStatus.Completed, false },
        { new(Spec, HiveTaskStatus.InProgress, "a1", 0), HiveTaskStatus.Completed, false },
        { new(Spec, HiveTaskStatus.InProgress, "a1", 1, 101), HiveTaskStatus.Completed, false },
        { new(Spec, HiveTaskStatus.AwaitingApproval, "a1", 1, 100), HiveTaskStatus.Completed, true },
        { new(Spec, HiveTaskStatus.AwaitingApproval, "a1", 1, 100, Approvals: [Checked]), HiveTaskStatus.Completed, false },
        { new(Spec, HiveTaskStatus.Completed, "a1", 1, 100, Approvals: [Checked]), HiveTaskStatus.Completed, true },
        { new(Spec, HiveTaskStatus.Completed, "a1", 1, 100), HiveTaskStatus.Completed, false },
        { new(Spec, HiveTaskStatus.Completed, "a1", 1, 100, Approvals: [Checked with { Role = "other" }]), HiveTaskStatus.Completed, false },
        { new(Spec, HiveTaskStatus.Completed, "a1", 1, 100, Approvals: [Checked, Checked]), HiveTaskStatus.Completed, false },
        { new(Spec, HiveTaskStatus.Failed, "a1", 3), HiveTaskStatus.Completed, true },
        { new(Spec, HiveTaskStatus.Cancelled), HiveTaskStatus.Pending, true },
        { new(Spec, (HiveTaskStatus)42), HiveTaskStatus.Completed, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Restore_is_allowed_only_for_reachable_states(TaskRestore restore, HiveTaskStatus prerequisite, bool allowed)
    {
        var check = () => TaskRestoreRules.Validate(restore, Spec, new Dictionary<string, HiveTaskStatus> { ["p1"] = prerequisite });
        if (allowed)
        {
            check();
            return;
        }
        var error = Assert.Throws<HiveException>(check);
        Assert.Equal(HiveErrorCodes.Validation, error.Code);
        Assert.StartsWith("Task 't1' cannot be restored: ", error.Message, StringComparison.Ordinal);
    }
}
