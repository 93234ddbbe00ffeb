using static Hive.Tests.Cluster.TaskSteps;

namespace Hive.Tests.Cluster;

public abstract class TaskFailureTests(HiveClusterFixture hive)
{
    private HiveClient Hive => hive.Hive;

    [Fact]
    public async Task Transient_failure_returns_the_task_to_ready_until_attempts_run_out()
    {
        var role = NewRole();
        var spec = ForRole(role) with { MaxAttempts = 2 };
        await Hive.Tasks.CreateAsync(spec, Operator);
        var first = await Hive.ReadyAgentAsync(role);
        Assert.Equal(spec.Id, (await Hive.Agents.ClaimNextAsync(first))?.Id);

        var retrying = await Hive.Tasks.FailAsync(spec.Id, first, "network blip", FailureKind.Transient);

        Assert.Equal(HiveTaskStatus.Ready, retrying.Status);
        Assert.Equal(1, retrying.Attempts);
        Assert.Null(retrying.AssignedAgent);
        Assert.Contains("network blip", retrying.StatusReason, StringComparison.Ordinal);
        var released = await Hive.Agents.GetAsync(first);
        Assert.Equal(AgentStatus.Ready, released.Status);
        Assert.Null(released.CurrentTaskId);

        var second = await Hive.ReadyAgentAsync(role);
        var reclaimed = await Hive.Agents.ClaimNextAsync(second);
        Assert.Equal(spec.Id, reclaimed?.Id);
        Assert.Equal(2, reclaimed?.Attempts);

        var failed = await Hive.Tasks.FailAsync(spec.Id, second, "network blip again", FailureKind.Transient);

        Assert.Equal(HiveTaskStatus.Failed, failed.Status);
        Assert.Equal(2, failed.Attempts);
        Assert.Contains("network blip again", failed.StatusReason, StringComparison.Ordinal);
        Assert.Equal(AgentStatus.Ready, (await Hive.Agents.GetAsync(second)).Status);
        Assert.Null(await Hive.Agents.ClaimNextAsync(await Hive.ReadyAgentAsync(role)));
    }

    [Fact]
    public async Task Permanent_failure_fails_the_task_on_the_first_attempt()
    {
        var role = NewRole();
        var spec = ForRole(role) with { MaxAttempts = 3 };
        await Hive.Tasks.CreateAsync(spec, Operator);
        var agent = await Hive.ClaimedByNewAgentAsync(spec.Id);

        var failed = await Hive.Tasks.FailAsync(spec.Id, agent, "input is malformed", FailureKind.Permanent);

        Assert.Equal(HiveTaskStatus.Failed, failed.Status);
        Assert.Equal(1, failed.Attempts);
        Assert.Contains("input is malformed", failed.StatusReason, StringComparison.Ordinal);
        Assert.Equal(AgentStatus.Ready, (await Hive.Agents.GetAsync(agent)).Status);
        Assert.Null(await Hive.Agents.ClaimNextAsync(await Hive.ReadyAgentAsync(role)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Failure_without_an_error_is_rejected(string error)
    {
        var task = await Hive.CreateForRoleAsync(NewRole());
        var agent = await Hive.StartedByNewAgentAsync(task.Id);
        var before = await Hive.Tasks.GetAsync(task.Id);

        await RejectedAsync(HiveErrorCodes.Validation, () => Hive.Tasks.FailAsync(task.Id, agent, error, FailureKind.Permanent));

        var after = await Hive.Tasks.GetAsync(task.Id);
        Assert.Equal(HiveTaskStatus.InProgress, after.Status);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(agent, after.AssignedAgent);
    }

    [Fact]
    public async Task Completed_task_cannot_be_retried()
    {
        var task = await Hive.CreateForRoleAsync(NewRole());
        var done = await Hive.RunToCompletionAsync(task.Id);

        await RejectedAsync(HiveErrorCodes.InvalidTransition, () => Hive.Tasks.RetryAsync(task.Id, Operator));

        var after = await Hive.Tasks.GetAsync(task.Id);
        Assert.Equal(HiveTaskStatus.Completed, after.Status);
        Assert.Equal(done.Version, after.Version);
    }

    [Fact]
    public async Task Retried_task_gets_a_fresh_retry_budget()
    {
        var role = NewRole();
        var spec = ForRole(role) with { MaxAttempts = 1 };
        await Hive.Tasks.CreateAsync(spec, Operator);
        var first = await Hive.ClaimedByNewAgentAsync(spec.Id);
        Assert.Equal(HiveTaskStatus.Failed, (await Hive.Tasks.FailAsync(spec.Id, first, "flaky", FailureKind.Transient)).Status);

        var retried = await Hive.Tasks.RetryAsync(spec.Id, Operator);

        Assert.Equal(HiveTaskStatus.Ready, retried.Status);
        Assert.Equal(0, retried.Attempts);
        Assert.Null(retried.AssignedAgent);
        var second = await Hive.ReadyAgentAsync(role);
        var reclaimed = await Hive.Agents.ClaimNextAsync(second);
        Assert.Equal(spec.Id, reclaimed?.Id);
        Assert.Equal(1, reclaimed?.Attempts);
    }

    [Fact]
    public async Task Errors_reach_the_client_with_code_actionable_message_and_entity()
    {
        var role = NewRole();
        var task = await Hive.CreateForRoleAsync(role);
        var agent = await Hive.ReadyAgentAsync(role);
        var missing = NewTaskId();

        var notFound = await RejectedAsync(HiveErrorCodes.NotFound, () => Hive.Tasks.GetAsync(missing));
        Assert.Equal(GrainKeys.Task(missing), notFound.Entity);
        Assert.Contains(missing, notFound.Message, StringComparison.Ordinal);

        var wrongState = await RejectedAsync(HiveErrorCodes.InvalidTransition, () => Hive.Tasks.StartAsync(task.Id, agent));
        Assert.Equal(GrainKeys.Task(task.Id), wrongState.Entity);
        Assert.Contains(task.Id, wrongState.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(HiveTaskStatus.Ready), wrongState.Message, StringComparison.Ordinal);

        await Hive.Agents.ClaimAsync(agent, task.Id);
        var other = await Hive.ReadyAgentAsync(role);
        var forbidden = await RejectedAsync(HiveErrorCodes.Forbidden, () => Hive.Tasks.StartAsync(task.Id, other));
        Assert.Equal(GrainKeys.Task(task.Id), forbidden.Entity);
        Assert.Contains(agent, forbidden.Message, StringComparison.Ordinal);
        Assert.Contains(other, forbidden.Message, StringComparison.Ordinal);

        var invalid = await RejectedAsync(HiveErrorCodes.Validation, () => Hive.Tasks.ReportProgressAsync(task.Id, agent, 101));
        Assert.Equal(GrainKeys.Task(task.Id), invalid.Entity);
        Assert.Contains("0–100", invalid.Message, StringComparison.Ordinal);
        Assert.Contains("101", invalid.Message, StringComparison.Ordinal);
        Assert.False(HiveErrorCodes.IsTransient(invalid.Code));
    }
}

[Trait("Category", "Cluster")]
[Collection(HiveClusterCollection.Name)]
public sealed class TaskFailureTestsInMemory(HiveClusterFixture hive) : TaskFailureTests(hive);
