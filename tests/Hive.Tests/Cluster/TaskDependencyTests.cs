using static Hive.Tests.Cluster.TaskSteps;

namespace Hive.Tests.Cluster;

public abstract class TaskDependencyTests(HiveClusterFixture hive)
{
    private HiveClient Hive => hive.Hive;

    [Fact]
    public async Task Task_without_prerequisites_is_ready_on_creation()
    {
        var role = NewRole();
        var created = await Hive.CreateForRoleAsync(role);

        Assert.Equal(HiveTaskStatus.Ready, created.Status);
        Assert.Empty(created.PendingPrerequisites);
        Assert.Null(created.StatusReason);
        var agent = await Hive.ReadyAgentAsync(role);
        Assert.Equal(created.Id, (await Hive.Agents.ClaimNextAsync(agent))?.Id);
    }

    [Fact]
    public async Task Task_with_prerequisites_is_pending_and_lists_them()
    {
        var role = NewRole();
        var first = await Hive.CreateForRoleAsync(role);
        var second = await Hive.CreateForRoleAsync(role);

        var dependent = await Hive.Tasks.CreateAsync(ForRole(role) with { Prerequisites = [first.Id, second.Id] }, Operator);

        Assert.Equal(HiveTaskStatus.Pending, dependent.Status);
        Assert.Equal(new[] { first.Id, second.Id }.Order(StringComparer.Ordinal), dependent.PendingPrerequisites.Order(StringComparer.Ordinal));
        Assert.Null(dependent.StatusReason);
        var agent = await Hive.ReadyAgentAsync(role);
        await RejectedAsync(HiveErrorCodes.InvalidTransition, () => Hive.Agents.ClaimAsync(agent, dependent.Id));
    }

    [Fact]
    public async Task Completing_last_prerequisite_makes_dependent_ready()
    {
        var role = NewRole();
        var first = await Hive.CreateForRoleAsync(role);
        var second = await Hive.CreateForRoleAsync(role);
        var dependent = await Hive.Tasks.CreateAsync(ForRole(NewRole()) with { Prerequisites = [first.Id, second.Id] }, Operator);

        await Hive.RunToCompletionAsync(first.Id);
        var afterFirst = await Hive.Tasks.GetAsync(dependent.Id);
        Assert.Equal(HiveTaskStatus.Pending, afterFirst.Status);
        Assert.Equal([second.Id], afterFirst.PendingPrerequisites);

        await Hive.RunToCompletionAsync(second.Id);
        var afterLast = await Hive.Tasks.GetAsync(dependent.Id);
        Assert.Equal(HiveTaskStatus.Ready, afterLast.Status);
        Assert.Empty(afterLast.PendingPrerequisites);
        var agent = await Hive.ReadyAgentAsync(dependent.Spec.PrimaryRole!);
        Assert.Equal(dependent.Id, (await Hive.Agents.ClaimNextAsync(agent))?.Id);
    }

    [Fact]
    public async Task Prerequisite_settled_before_the_dependent_exists_counts_at_creation()
    {
        var role = NewRole();
        var completed = await Hive.CreateForRoleAsync(role);
        await Hive.RunToCompletionAsync(completed.Id);
        var failed = await Hive.CreateForRoleAsync(role);
        await Hive.FailPermanentlyAsync(failed.Id);

        var ready = await Hive.Tasks.CreateAsync(ForRole(role) with { Prerequisites = [completed.Id] }, Operator);
        var blocked = await Hive.Tasks.CreateAsync(ForRole(role) with { Prerequisites = [completed.Id, failed.Id] }, Operator);

        Assert.Equal(HiveTaskStatus.Ready, ready.Status);
        Assert.Empty(ready.PendingPrerequisites);
        Assert.Equal(HiveTaskStatus.Blocked, blocked.Status);
        Assert.Equal([failed.Id], blocked.PendingPrerequisites);
        Assert.Contains(failed.Id, blocked.StatusReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_prerequisite_is_rejected_and_changes_nothing()
    {
        var role = NewRole();
        var existing = await Hive.CreateForRoleAsync(role);
        var id = NewTaskId();
        var unknown = NewTaskId();

        var error = await RejectedAsync(HiveErrorCodes.Validation,
            () => Hive.Tasks.CreateAsync(ForRole(role, id) with { Prerequisites = [existing.Id, unknown] }, Operator));

        Assert.Contains(unknown, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(existing.Id, error.Message, StringComparison.Ordinal);
        Assert.Equal(GrainKeys.Task(id), error.Entity);
        await RejectedAsync(HiveErrorCodes.NotFound, () => Hive.Tasks.GetAsync(id));
        Assert.Empty(await Hive.AuditOfAsync(id));
        // Registering a dependent is a write on the prerequisite: an unchanged version means none was added.
        Assert.Equal(existing.Version, (await Hive.Tasks.GetAsync(existing.Id)).Version);
        // The id is still free, so a corrected spec under it is created rather than refused as a conflict.
        var corrected = await Hive.Tasks.CreateAsync(ForRole(role, id) with { Prerequisites = [existing.Id] }, Operator);
        Assert.Equal(HiveTaskStatus.Pending, corrected.Status);
    }

    [Fact]
    public async Task Task_cannot_be_its_own_prerequisite()
    {
        var id = NewTaskId();

        var error = await RejectedAsync(HiveErrorCodes.Validation,
            () => Hive.Tasks.CreateAsync(ForRole(NewRole(), id) with { Prerequisites = [id] }, Operator));

        Assert.Contains(id, error.Message, StringComparison.Ordinal);
        await RejectedAsync(HiveErrorCodes.NotFound, () => Hive.Tasks.GetAsync(id));
    }

    [Fact]
    public async Task Creating_the_same_spec_twice_is_a_no_op()
    {
        var spec = ForRole(NewRole());
        var first = await Hive.Tasks.CreateAsync(spec, Operator);

        var again = await Hive.Tasks.CreateAsync(spec, Operator);
        var normalisedAlike = await Hive.Tasks.CreateAsync(spec with { Prerequisites = [], RequiredApprovals = [] }, Operator);

        Assert.Equal(first.Version, again.Version);
        Assert.Equal(first.Version, normalisedAlike.Version);
        Assert.Equal(first.CreatedAt, again.CreatedAt);
        Assert.Single(await Hive.AuditOfAsync(spec.Id), e => e.Action == "created");
    }

    [Fact]
    public async Task Different_spec_under_an_existing_id_is_a_conflict()
    {
        var spec = ForRole(NewRole());
        var first = await Hive.Tasks.CreateAsync(spec, Operator);

        var error = await RejectedAsync(HiveErrorCodes.Conflict,
            () => Hive.Tasks.CreateAsync(spec with { Title = "Something else" }, Operator));

        Assert.Equal(GrainKeys.Task(spec.Id), error.Entity);
        Assert.Contains(spec.Id, error.Message, StringComparison.Ordinal);
        Assert.Equal(first.Version, error.CurrentVersion);
        var now = await Hive.Tasks.GetAsync(spec.Id);
        Assert.Equal(spec.Title, now.Spec.Title);
        Assert.Equal(first.Version, now.Version);
    }

    [Fact]
    public async Task Failed_prerequisite_blocks_dependents_in_cascade()
    {
        var role = NewRole();
        var root = await Hive.CreateForRoleAsync(role);
        var middle = await Hive.Tasks.CreateAsync(ForRole(role) with { Prerequisites = [root.Id] }, Operator);
        var leaf = await Hive.Tasks.CreateAsync(ForRole(role) with { Prerequisites = [middle.Id] }, Operator);

        await Hive.FailPermanentlyAsync(root.Id);

        var blockedMiddle = await Hive.Tasks.GetAsync(middle.Id);
        Assert.Equal(HiveTaskStatus.Blocked, blockedMiddle.Status);
        Assert.Contains(root.Id, blockedMiddle.StatusReason, StringComparison.Ordinal);
        var blockedLeaf = await Hive.Tasks.GetAsync(leaf.Id);
        Assert.Equal(HiveTaskStatus.Blocked, blockedLeaf.Status);
        Assert.Contains(middle.Id, blockedLeaf.StatusReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelled_prerequisite_blocks_its_dependent()
    {
        var role = NewRole();
        var prerequisite = await Hive.CreateForRoleAsync(role);
        var dependent = await Hive.Tasks.CreateAsync(ForRole(role) with { Prerequisites = [prerequisite.Id] }, Operator);

        await Hive.Tasks.CancelAsync(prerequisite.Id, Operator, "not needed after all");

        var blocked = await Hive.Tasks.GetAsync(dependent.Id);
        Assert.Equal(HiveTaskStatus.Blocked, blocked.Status);
        Assert.Contains(prerequisite.Id, blocked.StatusReason, StringComparison.Ordinal);
        Assert.Contains(nameof(HiveTaskStatus.Cancelled), blocked.StatusReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retrying_failed_prerequisite_unblocks_dependents_and_completing_it_makes_them_ready()
    {
        var role = NewRole();
        var root = await Hive.CreateForRoleAsync(role);
        var middle = await Hive.Tasks.CreateAsync(ForRole(role) with { Prerequisites = [root.Id] }, Operator);
        var leaf = await Hive.Tasks.CreateAsync(ForRole(role) with { Prerequisites = [middle.Id] }, Operator);
        await Hive.FailPermanentlyAsync(root.Id);

        var retried = await Hive.Tasks.RetryAsync(root.Id, Operator);

        Assert.Equal(HiveTaskStatus.Ready, retried.Status);
        Assert.Equal(0, retried.Attempts);
        foreach (var id in new[] { middle.Id, leaf.Id })
        {
            var recovered = await Hive.Tasks.GetAsync(id);
            Assert.Equal(HiveTaskStatus.Pending, recovered.Status);
            Assert.Null(recovered.StatusReason);
        }

        await Hive.RunToCompletionAsync(root.Id);

        Assert.Equal(HiveTaskStatus.Ready, (await Hive.Tasks.GetAsync(middle.Id)).Status);
        Assert.Equal(HiveTaskStatus.Pending, (await Hive.Tasks.GetAsync(leaf.Id)).Status);
    }
}

[Trait("Category", "Cluster")]
[Collection(HiveClusterCollection.Name)]
public sealed class TaskDependencyTestsInMemory(HiveClusterFixture hive) : TaskDependencyTests(hive);
