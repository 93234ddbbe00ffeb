using Hive.Console.Cli;
using Hive.Console.Input;
using Hive.Console.Output;

namespace Hive.Console.Commands;

/// <summary><c>hive tasks list|show|create|cancel|retry|approve|reject</c>.</summary>
internal static class TasksCommand
{
    public static Command Create(CommandRunner runner)
    {
        var command = new Command("tasks", "List, create and operate on tasks.")
            .WithExamples("hive tasks list --status ready", "hive tasks create --file week2.yaml", "hive tasks approve deploy-1 --agent security-1");
        command.Subcommands.Add(List(runner));
        command.Subcommands.Add(Show(runner));
        command.Subcommands.Add(TaskCreateCommand.Create(runner));
        command.Subcommands.Add(Act(runner, "cancel", "Cancel a task; its dependents become blocked.", reason: "--reason", agent: false,
            (hive, id, who, text) => hive.Tasks.CancelAsync(id, who, text!), "hive tasks cancel deploy-1 --reason \"superseded by deploy-2\""));
        command.Subcommands.Add(Act(runner, "retry", "Retry a failed or cancelled task with a fresh retry budget.", reason: null, agent: false,
            (hive, id, who, _) => hive.Tasks.RetryAsync(id, who), "hive tasks retry deploy-1"));
        command.Subcommands.Add(Act(runner, "approve", "Sign a task off as an agent of a required approval role.", reason: "--note", agent: true,
            (hive, id, who, text) => hive.Tasks.ApproveAsync(id, who, text), "hive tasks approve deploy-1 --agent security-1 --note \"checked\""));
        command.Subcommands.Add(Act(runner, "reject", "Reject a task's work as an approver; it returns to in progress.", reason: "--reason", agent: true,
            (hive, id, who, text) => hive.Tasks.RejectAsync(id, who, text!), "hive tasks reject deploy-1 --agent security-1 --reason \"no rollback plan\""));
        return command;
    }

    private static Command List(CommandRunner runner)
    {
        var status = Options.Enum<HiveTaskStatus>("--status", "Only tasks in this status");
        var type = new Option<string?>("--type") { Description = "Only tasks of this type." };
        var agent = new Option<string?>("--agent") { Description = "Only tasks assigned to this agent." };
        var json = Options.Json();
        var command = new Command("list", "Tasks, ordered by id.") { status, type, agent, json }
            .WithExamples("hive tasks list", "hive tasks list --status awaiting-approval", "hive tasks list --type reliability --all --json");
        var paging = Paging.AddTo(command);
        runner.Handle(command, async (context, cancellationToken) =>
        {
            var hive = await context.HiveAsync(cancellationToken);
            var page = await paging.ReadAsync(context, (size, token) =>
                hive.Tasks.ListAsync(new TaskQuery(context.Get(status), context.Get(type), context.Get(agent), size, token)));
            context.Out.Page(page, context.Get(json), TaskViews.List);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Show(CommandRunner runner)
    {
        var id = new Argument<string>("task") { Description = "The task id." };
        var json = Options.Json();
        var command = new Command("show", "One task: spec, status, progress, approvals.") { id, json }
            .WithExamples("hive tasks show week1-task-4", "hive tasks show week1-task-4 --json");
        runner.Handle(command, async (context, cancellationToken) =>
        {
            var task = await (await context.HiveAsync(cancellationToken)).Tasks.GetAsync(context.Required(id));
            if (context.Get(json)) context.Out.Json(task);
            else context.Out.Write(TaskViews.Detail(task));
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>An action on one task, by the operator (<c>--actor</c>) or, for sign-offs, by the approving agent (<c>--agent</c>).</summary>
    private static Command Act(CommandRunner runner, string name, string description, string? reason, bool agent,
        Func<HiveClient, string, string, string?, Task<TaskInfo>> act, string example)
    {
        var id = new Argument<string>("task") { Description = "The task id." };
        var approver = new Option<string>("--agent") { Description = "The approving agent (it must have a required approval role).", Required = true };
        var text = new Option<string?>(reason ?? "--reason") { Description = "Why (kept in the audit trail).", Required = reason == "--reason" };
        var json = Options.Json();
        var command = new Command(name, description) { id, json }.WithExamples(example);
        if (agent) command.Options.Add(approver);
        if (reason is not null) command.Options.Add(text);
        runner.Handle(command, async (context, cancellationToken) =>
        {
            var hive = await context.HiveAsync(cancellationToken);
            var task = await act(hive, context.Required(id), agent ? context.Get(approver)! : context.Actor, context.Get(text));
            if (context.Get(json)) context.Out.Json(task);
            else context.Out.Line($"task {task.Id}: {Names.Of(task.Status)}{(task.StatusReason is { } why ? " - " + why : "")}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
