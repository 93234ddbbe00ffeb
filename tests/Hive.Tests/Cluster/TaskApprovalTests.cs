using static Hive.Tests.Cluster.TaskSteps;

namespace Hive.Tests.Cluster;

public abstract class TaskApprovalTests(HiveClusterFixture hive)
{
    private HiveClient Hive => hive.Hive;

    /// <summary>A task needing sign-off from two roles, worked by an agent that itself holds the first of them.</summary>
    private sealed record Review(string TaskId, string Worker, string ReviewerA, string ReviewerB, string RoleA, string RoleB);

    private async Task<Review> AwaitingApprovalAsync()
    {
        var role = NewRole();
        var roleA = NewRole();
        var roleB = NewRole();
        var spec = ForRole(role) with { RequiredApprovals = [roleA, roleB] };
        await Hive.Tasks.CreateAsync(spec, Operator);
        var worker = await Hive.ReadyAgentAsync(role, roleA);
        Assert.Equal(spec.Id, (await Hive.Agents.ClaimNextAsync(worker))?.Id);
        await Hive.Tasks.StartAsync(spec.Id, worker);

        var completed = await Hive.Tasks.CompleteAsync(spec.Id, worker, "patch ready");

        Assert.Equal(HiveTaskStatus.AwaitingApproval, completed.Status);
        Assert.Equal("patch ready", completed.Result);
        Assert.Empty(completed.Approvals);
        return new Review(spec.Id, worker, await Hive.ReadyAgentAsync(roleA), await Hive.ReadyAgentAsync(roleB), roleA, roleB);
    }

    [Fact]
    public async Task Completing_a_task_with_required_approvals_awaits_them()
    {
        var review = await AwaitingApprovalAsync();

        var worker = await Hive.Agents.GetAsync(review.Worker);
        Assert.Equal(AgentStatus.Busy, worker.Status);
        Assert.Equal(review.TaskId, worker.CurrentTaskId);
        Assert.Contains(await Hive.AuditOfAsync(review.TaskId),
            e => e.Action == "awaiting-approval" && e.To == nameof(HiveTaskStatus.AwaitingApproval));
    }

    [Fact]
    public async Task Agent_without_a_required_role_cannot_approve()
    {
        var review = await AwaitingApprovalAsync();
        var outsider = await Hive.ReadyAgentAsync(NewRole());
        var before = await Hive.Tasks.GetAsync(review.TaskId);

        var error = await RejectedAsync(HiveErrorCodes.Forbidden, () => Hive.Tasks.ApproveAsync(review.TaskId, outsider));

        Assert.Equal(GrainKeys.Task(review.TaskId), error.Entity);
        Assert.Contains(outsider, error.Message, StringComparison.Ordinal);
        var after = await Hive.Tasks.GetAsync(review.TaskId);
        Assert.Equal(HiveTaskStatus.AwaitingApproval, after.Status);
        Assert.Equal(before.Version, after.Version);
        Assert.Empty(after.Approvals);
    }

    [Fact]
    public async Task Assigned_agent_cannot_approve_its_own_work()
    {
        var review = await AwaitingApprovalAsync();
        var before = await Hive.Tasks.GetAsync(review.TaskId);

        // The worker holds role A, so only authorship stands in its way.
        await RejectedAsync(HiveErrorCodes.Forbidden, () => Hive.Tasks.ApproveAsync(review.TaskId, review.Worker));

        var after = await Hive.Tasks.GetAsync(review.TaskId);
        Assert.Equal(before.Version, after.Version);
        Assert.Empty(after.Approvals);
        var approved = await Hive.Tasks.ApproveAsync(review.TaskId, review.ReviewerA);
        Assert.Equal([review.RoleA], approved.Approvals.Select(a => a.Role));
    }

    [Fact]
    public async Task Task_completes_only_when_every_required_role_has_approved()
    {
        var review = await AwaitingApprovalAsync();

        var half = await Hive.Tasks.ApproveAsync(review.TaskId, review.ReviewerA, "looks right");

        Assert.Equal(HiveTaskStatus.AwaitingApproval, half.Status);
        var approval = Assert.Single(half.Approvals);
        Assert.Equal((review.RoleA, review.ReviewerA, "looks right"), (approval.Role, approval.AgentId, approval.Note));
        Assert.Equal(AgentStatus.Busy, (await Hive.Agents.GetAsync(review.Worker)).Status);

        var done = await Hive.Tasks.ApproveAsync(review.TaskId, review.ReviewerB);

        Assert.Equal(HiveTaskStatus.Completed, done.Status);
        Assert.Equal(new[] { review.RoleA, review.RoleB }.Order(StringComparer.Ordinal),
            done.Approvals.Select(a => a.Role).Order(StringComparer.Ordinal));
        Assert.Equal("patch ready", done.Result);
        var worker = await Hive.Agents.GetAsync(review.Worker);
        Assert.Equal(AgentStatus.Ready, worker.Status);
        Assert.Null(worker.CurrentTaskId);
    }

    [Fact]
    public async Task Rejection_returns_the_task_to_in_progress_with_the_reason_and_clears_approvals()
    {
        var review = await AwaitingApprovalAsync();
        await Hive.Tasks.ApproveAsync(review.TaskId, review.ReviewerA);

        var rejected = await Hive.Tasks.RejectAsync(review.TaskId, review.ReviewerB, "tests are missing");

        Assert.Equal(HiveTaskStatus.InProgress, rejected.Status);
        Assert.Contains("tests are missing", rejected.StatusReason, StringComparison.Ordinal);
        Assert.Empty(rejected.Approvals);
        Assert.Equal(review.Worker, rejected.AssignedAgent);
        Assert.Contains(await Hive.AuditOfAsync(review.TaskId),
            e => e.Action == "rejected" && e.Actor == review.ReviewerB && e.To == nameof(HiveTaskStatus.InProgress));

        var resubmitted = await Hive.Tasks.CompleteAsync(review.TaskId, review.Worker, "patch with tests");
        Assert.Equal(HiveTaskStatus.AwaitingApproval, resubmitted.Status);
        Assert.Empty(resubmitted.Approvals);
    }

    [Fact]
    public async Task Reject_without_a_reason_is_refused()
    {
        var review = await AwaitingApprovalAsync();
        var before = await Hive.Tasks.GetAsync(review.TaskId);

        await RejectedAsync(HiveErrorCodes.Validation, () => Hive.Tasks.RejectAsync(review.TaskId, review.ReviewerB, " "));

        var after = await Hive.Tasks.GetAsync(review.TaskId);
        Assert.Equal(HiveTaskStatus.AwaitingApproval, after.Status);
        Assert.Equal(before.Version, after.Version);
    }
}

[Trait("Category", "Cluster")]
[Collection(HiveClusterCollection.Name)]
public sealed class TaskApprovalTestsInMemory(HiveClusterFixture hive) : TaskApprovalTests(hive);
