using static Hive.Tests.Cluster.TaskSteps;

namespace Hive.Tests.Cluster;

public abstract class TaskListingTests(HiveClusterFixture hive)
{
    private HiveClient Hive => hive.Hive;

    private static string[] Ids(Page<TaskSummary> page) => page.Items.Select(t => t.Id).Order(StringComparer.Ordinal).ToArray();

    private static string[] Sorted(params string[] ids) => ids.Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public async Task Listing_filters_by_type_status_and_assigned_agent()
    {
        var role = NewRole();
        var type = NewType();
        var ready = await Hive.CreateForRoleAsync(role, type: type);
        var held = await Hive.CreateForRoleAsync(role, type: type);
        var done = await Hive.CreateForRoleAsync(role, type: type);
        var otherType = await Hive.CreateForRoleAsync(role, type: NewType());
        var holder = await Hive.ClaimedByNewAgentAsync(held.Id);
        await Hive.RunToCompletionAsync(done.Id);
        await Hive.ClaimedByNewAgentAsync(otherType.Id);

        Assert.Equal(Sorted(ready.Id, held.Id, done.Id), Ids(await Hive.Tasks.ListAsync(new TaskQuery(Type: type))));
        Assert.Equal([ready.Id], Ids(await Hive.Tasks.ListAsync(new TaskQuery(HiveTaskStatus.Ready, type))));
        Assert.Equal([done.Id], Ids(await Hive.Tasks.ListAsync(new TaskQuery(HiveTaskStatus.Completed, type))));
        Assert.Empty((await Hive.Tasks.ListAsync(new TaskQuery(HiveTaskStatus.Failed, type))).Items);

        var byAgent = await Hive.Tasks.ListAsync(new TaskQuery(AssignedAgent: holder));
        var row = Assert.Single(byAgent.Items);
        Assert.Equal((held.Id, type, HiveTaskStatus.Assigned, holder), (row.Id, row.Type, row.Status, row.AssignedAgent));
        Assert.Equal(held.Spec.Title, row.Title);
        Assert.Equal(held.Spec.Priority, row.Priority);
        Assert.Equal([held.Id], Ids(await Hive.Tasks.ListAsync(new TaskQuery(HiveTaskStatus.Assigned, type, holder))));
        Assert.Empty((await Hive.Tasks.ListAsync(new TaskQuery(HiveTaskStatus.Ready, AssignedAgent: holder))).Items);
    }

    [Fact]
    public async Task Listing_follows_status_changes()
    {
        var role = NewRole();
        var type = NewType();
        var task = await Hive.CreateForRoleAsync(role, type: type);
        Assert.Equal([task.Id], Ids(await Hive.Tasks.ListAsync(new TaskQuery(HiveTaskStatus.Ready, type))));

        var agent = await Hive.StartedByNewAgentAsync(task.Id);

        Assert.Empty((await Hive.Tasks.ListAsync(new TaskQuery(HiveTaskStatus.Ready, type))).Items);
        Assert.Equal([task.Id], Ids(await Hive.Tasks.ListAsync(new TaskQuery(HiveTaskStatus.InProgress, type, agent))));
    }

    [Fact]
    public async Task Paging_visits_every_task_exactly_once()
    {
        var role = NewRole();
        var type = NewType();
        var created = new List<string>();
        for (var i = 0; i < 5; i++) created.Add((await Hive.CreateForRoleAsync(role, type: type)).Id);

        var seen = new List<string>();
        var pages = 0;
        string? token = null;
        do
        {
            var page = await Hive.Tasks.ListAsync(new TaskQuery(Type: type, PageSize: 2, PageToken: token));
            Assert.InRange(page.Items.Count, 1, 2);
            seen.AddRange(page.Items.Select(t => t.Id));
            token = page.NextPageToken;
            Assert.True(++pages <= 3, "paging did not end after three pages of two");
        }
        while (token is not null);

        Assert.Equal(3, pages);
        Assert.Equal(created.Order(StringComparer.Ordinal), seen);
    }

    [Fact]
    public async Task Page_size_out_of_range_is_rejected()
    {
        await RejectedAsync(HiveErrorCodes.Validation, () => Hive.Tasks.ListAsync(new TaskQuery(PageSize: 0)));
        await RejectedAsync(HiveErrorCodes.Validation, () => Hive.Tasks.ListAsync(new TaskQuery(PageSize: Limits.MaxPageSize + 1)));
    }

    [Fact]
    public async Task Full_lifecycle_is_recorded_in_the_audit_trail()
    {
        var role = NewRole();
        var task = await Hive.CreateForRoleAsync(role);
        var agent = await Hive.ReadyAgentAsync(role);
        await Hive.Agents.ClaimNextAsync(agent);
        await Hive.Tasks.StartAsync(task.Id, agent);
        await Hive.Tasks.ReportProgressAsync(task.Id, agent, 60, "most of it");
        await Hive.Tasks.CompleteAsync(task.Id, agent, "all of it");

        var trail = await Hive.AuditOfAsync(task.Id);

        Assert.Equal(
            [
                ("created", Operator, null, nameof(HiveTaskStatus.Ready)),
                ("assigned", agent, nameof(HiveTaskStatus.Ready), nameof(HiveTaskStatus.Assigned)),
                ("started", agent, nameof(HiveTaskStatus.Assigned), nameof(HiveTaskStatus.InProgress)),
                ("progress", agent, nameof(HiveTaskStatus.InProgress), nameof(HiveTaskStatus.InProgress)),
                ("completed", agent, nameof(HiveTaskStatus.InProgress), nameof(HiveTaskStatus.Completed)),
            ],
            trail.Select(e => (e.Action, e.Actor, e.From, e.To)));
        Assert.All(trail, e => Assert.Equal(GrainKeys.Task(task.Id), e.Entity));
        Assert.Contains("most of it", trail.Single(e => e.Action == "progress").Details, StringComparison.Ordinal);
        Assert.Equal(trail.Select(e => e.At).Order(), trail.Select(e => e.At));
    }
}

[Trait("Category", "Cluster")]
[Collection(HiveClusterCollection.Name)]
public sealed class TaskListingTestsInMemory(HiveClusterFixture hive) : TaskListingTests(hive);
