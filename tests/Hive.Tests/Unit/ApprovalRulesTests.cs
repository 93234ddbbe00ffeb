namespace Hive.Tests.Unit;

/// <summary>Who may sign a task off: one rule for live approvals and for approvals a restore brings back.</summary>
[Trait("Category", "Unit")]
public class ApprovalRulesTests
{
    private static readonly TaskSpec Spec = new("t1", "Task", "chore", PrimaryRole: "builder", RequiredApprovals: ["checker", "security"]);

    private static Approval By(string agent, string role) => new(role, agent, null, DateTimeOffset.UnixEpoch);

    public static TheoryData<Approval, string[], string?> Restored => new()
    {
        { By("c1", "checker"), ["checker"], null },
        { By("c1", "checker"), ["builder", "checker", "security"], null },
        // The agent that did the work signs nothing off, whatever roles it has.
        { By("w1", "checker"), ["builder", "checker"], "did the work" },
        // No role of the approver is one the task needs signed off.
        { By("b1", "checker"), ["builder"], "has no role that signs off" },
        // It has a role that signs off, but not the one it approved as.
        { By("s1", "checker"), ["security"], "a role it does not have" },
    };

    [Theory]
    [MemberData(nameof(Restored))]
    public void A_restored_approval_passes_only_what_a_live_approval_could_have_given(Approval approval, string[] approverRoles, string? refusal)
    {
        var check = () => ApprovalRules.RequireRestored("t1", Spec, "w1", approval, approverRoles);
        if (refusal is null)
        {
            check();
            return;
        }
        var error = Assert.Throws<HiveException>(check);
        Assert.Equal((HiveErrorCodes.Forbidden, "task/t1"), (error.Code, error.Entity));
        Assert.Contains(refusal, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_live_approver_needs_a_required_role_and_must_not_be_the_assignee()
    {
        ApprovalRules.RequireApprover("t1", Spec, "w1", "c1", ["checker"]);
        Assert.Equal(HiveErrorCodes.Forbidden, Assert.Throws<HiveException>(() => ApprovalRules.RequireApprover("t1", Spec, "w1", "w1", ["checker"])).Code);
        Assert.Equal(HiveErrorCodes.Forbidden, Assert.Throws<HiveException>(() => ApprovalRules.RequireApprover("t1", Spec, "w1", "b1", ["builder"])).Code);
    }
}
