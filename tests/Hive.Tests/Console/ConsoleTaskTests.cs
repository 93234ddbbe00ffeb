using Hive.Console.Cli;

namespace Hive.Tests.Console;

[Trait("Category", "Cluster")]
[Collection(HiveClusterCollection.Name)]
public sealed class ConsoleTaskTests(HiveClusterFixture hive)
{
    [Fact]
    public async Task Tasks_create_from_flags_then_list_and_show_as_table_and_json()
    {
        var (type, role, first, second) = (TaskSteps.NewType(), TaskSteps.NewRole(), TaskSteps.NewTaskId(), TaskSteps.NewTaskId());

        (await ConsoleRun.RunAsync(hive, "tasks", "create", first, "--title", "Deploy v2", "--type", type, "--role", role,
            "--approval", "security-manager", "--budget", "30m", "--priority", "80")).Succeeded();
        var created = (await ConsoleRun.RunAsync(hive, "tasks", "create", second, "--title", "Verify v2", "--type", type, "--role", role,
            "--after", first, "--writes", "ops/deploys/v2", "--json")).Succeeded().Json();
        var list = (await ConsoleRun.RunAsync(hive, "tasks", "list", "--type", type)).Succeeded();
        var ready = (await ConsoleRun.RunAsync(hive, "tasks", "list", "--type", type, "--status", "ready", "--json")).Succeeded().Json();
        var show = (await ConsoleRun.RunAsync(hive, "tasks", "show", second)).Succeeded();
        var json = (await ConsoleRun.RunAsync(hive, "tasks", "show", first, "--json")).Succeeded().Json();

        Assert.Equal("pending", created[0].GetProperty("status").GetString());
        Assert.Contains(first, list.Out, StringComparison.Ordinal);
        Assert.Contains(second, list.Out, StringComparison.Ordinal);
        Assert.Equal(first, Assert.Single(ready.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
        Assert.Contains("waiting for", show.Out, StringComparison.Ordinal);
        Assert.Equal("00:30:00", json.GetProperty("spec").GetProperty("timeBudget").GetString());
        Assert.Equal(80, json.GetProperty("spec").GetProperty("priority").GetInt32());
        Assert.Equal("security-manager", json.GetProperty("spec").GetProperty("requiredApprovals")[0].GetString());
    }

    [Fact]
    public async Task Tasks_cancel_and_retry_move_the_task_and_name_the_actor()
    {
        var task = (await hive.Hive.CreateForRoleAsync(TaskSteps.NewRole())).Id;

        var cancelled = (await ConsoleRun.RunAsync(hive, "tasks", "cancel", task, "--reason", "superseded")).Succeeded();
        var again = await ConsoleRun.RunAsync(hive, "tasks", "cancel", task, "--reason", "twice");
        var retried = (await ConsoleRun.RunAsync(hive, "tasks", "retry", task, "--json")).Succeeded().Json();

        Assert.Contains($"task {task}: cancelled - superseded", cancelled.Out, StringComparison.Ordinal);
        again.Failed(ExitCodes.Rejected, "invalid-transition");
        Assert.Equal("ready", retried.GetProperty("status").GetString());
        Assert.Contains(await hive.Hive.AuditOfAsync(task), e => e.Action == "cancelled" && e.Actor == ConsoleRun.Operator);
    }

    [Fact]
    public async Task Tasks_approve_and_reject_act_as_the_approving_agent()
    {
        var (role, approverRole) = (TaskSteps.NewRole(), TaskSteps.NewRole());
        var approver = await hive.Hive.ReadyAgentAsync(approverRole);
        var (approved, rejected) = (TaskSteps.NewTaskId(), TaskSteps.NewTaskId());
        foreach (var id in new[] { approved, rejected })
        {
            await hive.Hive.Tasks.CreateAsync(TaskSteps.ForRole(role, id) with { RequiredApprovals = [approverRole] }, TaskSteps.Operator);
            var worker = await hive.Hive.ClaimedByNewAgentAsync(id);
            await hive.Hive.Tasks.CompleteAsync(id, worker, "done");
        }

        var yes = (await ConsoleRun.RunAsync(hive, "tasks", "approve", approved, "--agent", approver, "--note", "checked")).Succeeded();
        var no = (await ConsoleRun.RunAsync(hive, "tasks", "reject", rejected, "--agent", approver, "--reason", "no rollback plan", "--json")).Succeeded().Json();
        var stranger = await ConsoleRun.RunAsync(hive, "tasks", "approve", rejected, "--agent", await hive.Hive.ReadyAgentAsync(role));

        Assert.Contains($"task {approved}: completed", yes.Out, StringComparison.Ordinal);
        Assert.Equal("in-progress", no.GetProperty("status").GetString());
        stranger.Failed(ExitCodes.Rejected, "invalid-transition");
        Assert.Equal("checked", Assert.Single((await hive.Hive.Tasks.GetAsync(approved)).Approvals).Note);
    }

    [Fact]
    public async Task Tasks_show_of_an_unknown_task_exits_2_and_a_bad_spec_exits_3()
    {
        var missing = await ConsoleRun.RunAsync(hive, "tasks", "show", TaskSteps.NewTaskId());
        var bad = await ConsoleRun.RunAsync(hive, "tasks", "create", TaskSteps.NewTaskId(), "--title", "x", "--type", "chore");
        var unknownPrerequisite = await ConsoleRun.RunAsync(hive, "tasks", "create", TaskSteps.NewTaskId(), "--title", "x", "--type", "chore",
            "--role", "r", "--after", TaskSteps.NewTaskId());

        missing.Failed(ExitCodes.NotFound, "not-found");
        bad.Failed(ExitCodes.Rejected, "validation");
        Assert.Contains("primary role or a primary agent", bad.Err, StringComparison.Ordinal);
        unknownPrerequisite.Failed(ExitCodes.Rejected, "validation");
    }
}
