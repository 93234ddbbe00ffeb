using Hive.Console.Cli;

namespace Hive.Tests.Console;

/// <summary><c>hive tasks create --file</c>: several tasks from YAML or JSON, created prerequisites first, checked before any is.</summary>
[Trait("Category", "Cluster")]
[Collection(HiveClusterCollection.Name)]
public sealed class ConsoleTaskFileTests(HiveClusterFixture hive) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hive-task-files").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_yaml_file_creates_its_tasks_in_dependency_order_whatever_order_it_lists_them()
    {
        var (type, role) = (TaskSteps.NewType(), TaskSteps.NewRole());
        var (a, b, c) = (TaskSteps.NewTaskId(), TaskSteps.NewTaskId(), TaskSteps.NewTaskId());
        var file = Write("week2.yaml", $"""
            tasks:
              - id: {c}
                title: Verify
                type: {type}
                primaryRole: {role}
                prerequisites: [{a}, {b}]
                timeBudget: 10m
              - id: {b}
                title: Deploy
                type: {type}
                primaryRole: {role}
                priority: "80"
                prerequisites: [{a}]
              - id: {a}
                title: Prepare
                type: {type}
                primaryRole: {role}
            """);

        var result = (await ConsoleRun.RunAsync(hive, "tasks", "create", "--file", file, "--json")).Succeeded().Json();

        Assert.Equal([a, b, c], result.EnumerateArray().Select(t => t.GetProperty("spec").GetProperty("id").GetString()));
        Assert.Equal(["ready", "pending", "pending"], result.EnumerateArray().Select(t => t.GetProperty("status").GetString()));
        Assert.Equal(TimeSpan.FromMinutes(10), (await hive.Hive.Tasks.GetAsync(c)).Spec.TimeBudget);
        Assert.Equal(80, (await hive.Hive.Tasks.GetAsync(b)).Spec.Priority);
    }

    [Fact]
    public async Task A_json_list_of_tasks_is_created_and_a_cycle_creates_nothing()
    {
        var (role, a, b) = (TaskSteps.NewRole(), TaskSteps.NewTaskId(), TaskSteps.NewTaskId());
        var good = Write("tasks.json", $$"""[{"id":"{{a}}","title":"One","type":"chore","primaryRole":"{{role}}"},{"id":"{{b}}","title":"Two","type":"chore","primaryRole":"{{role}}","prerequisites":["{{a}}"]}]""");
        var (x, y) = (TaskSteps.NewTaskId(), TaskSteps.NewTaskId());
        var cycle = Write("cycle.json", $$"""{"tasks":[{"id":"{{x}}","title":"X","type":"chore","primaryRole":"r","prerequisites":["{{y}}"]},{"id":"{{y}}","title":"Y","type":"chore","primaryRole":"r","prerequisites":["{{x}}"]}]}""");

        var created = (await ConsoleRun.RunAsync(hive, "tasks", "create", "--file", good)).Succeeded();
        var refused = await ConsoleRun.RunAsync(hive, "tasks", "create", "--file", cycle);

        Assert.Contains($"task {b}: pending", created.Out, StringComparison.Ordinal);
        refused.Failed(ExitCodes.Usage, "usage");
        Assert.Contains("cycle", refused.Err, StringComparison.Ordinal);
        await TaskSteps.RejectedAsync(HiveErrorCodes.NotFound, () => hive.Hive.Tasks.GetAsync(x));
    }

    [Fact]
    public async Task A_file_with_one_bad_spec_creates_none_of_its_tasks()
    {
        var (good, bad) = (TaskSteps.NewTaskId(), TaskSteps.NewTaskId());
        var file = Write("bad.yaml", $"""
            - id: {good}
              title: Fine
              type: chore
              primaryRole: r
            - id: {bad}
              title: No role
              type: chore
            """);
        var broken = Write("broken.yaml", "tasks: [ {id: x");

        var result = await ConsoleRun.RunAsync(hive, "tasks", "create", "--file", file);
        var unreadable = await ConsoleRun.RunAsync(hive, "tasks", "create", "--file", broken);

        result.Failed(ExitCodes.Rejected, "validation");
        unreadable.Failed(ExitCodes.Usage, "usage");
        await TaskSteps.RejectedAsync(HiveErrorCodes.NotFound, () => hive.Hive.Tasks.GetAsync(good));
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }
}
