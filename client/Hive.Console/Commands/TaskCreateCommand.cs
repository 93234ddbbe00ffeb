using Hive.Console.Cli;
using Hive.Console.Input;
using Hive.Console.Output;

namespace Hive.Console.Commands;

/// <summary><c>hive tasks create</c>: one task from flags, or several from a JSON or YAML file, prerequisites first.</summary>
internal static class TaskCreateCommand
{
    public static Command Create(CommandRunner runner)
    {
        var id = new Argument<string?>("task") { Description = "The new task's id (leave out with --file).", Arity = ArgumentArity.ZeroOrOne };
        var file = new Option<string?>("--file") { Description = "A JSON or YAML file of one task, a list of tasks, or {tasks: [...]}." };
        var title = new Option<string?>("--title") { Description = "What the task is." };
        var type = new Option<string?>("--type") { Description = "The task type (an id), for example reliability." };
        var description = new Option<string?>("--description") { Description = "Longer text." };
        var priority = new Option<int>("--priority") { Description = "0–100, higher first.", DefaultValueFactory = _ => TaskSpec.DefaultPriority };
        var role = new Option<string?>("--role") { Description = "The role whose agents may claim it." };
        var agent = new Option<string?>("--agent") { Description = "The one agent who may claim it (instead of --role)." };
        var supporting = Options.List("--supporting", "Supporting agents");
        var after = Options.List("--after", "Prerequisite task ids");
        var approvals = Options.List("--approval", "Roles that must approve the work");
        var budget = Options.Duration("--budget", "Time budget once claimed");
        var attempts = new Option<int>("--max-attempts") { Description = "Retry budget.", DefaultValueFactory = _ => TaskSpec.DefaultMaxAttempts };
        var reads = Options.List("--reads", "Memory keys read, as namespace/channel/key");
        var writes = Options.List("--writes", "Memory keys written, as namespace/channel/key");
        var json = Options.Json();
        var command = new Command("create", "Create a task from flags, or tasks from a JSON or YAML file (created in dependency order).")
        {
            id, file, title, type, description, priority, role, agent, supporting, after, approvals, budget, attempts, reads, writes, json,
        }.WithExamples(
            "hive tasks create deploy-1 --title \"Deploy v2\" --type deployment --role deployment-coordinator --approval security-manager --budget 30m",
            "hive tasks create verify-1 --title \"Verify v2\" --type validation --role production-validator --after deploy-1",
            "hive tasks create --file week2.yaml --json");
        runner.Handle(command, async (context, cancellationToken) =>
        {
            IReadOnlyList<TaskSpec> specs;
            if (context.Get(file) is { } path)
            {
                if (context.Get(id) is not null) throw new UsageException("Give either a task id with flags, or --file; not both.");
                specs = TaskFile.Read(path);
            }
            else
            {
                var taskId = context.Get(id) ?? throw new UsageException("Name the task (hive tasks create ID --title … --type …) or pass --file.");
                specs =
                [
                    new TaskSpec(taskId,
                        context.Get(title) ?? throw new UsageException("--title is required."),
                        context.Get(type) ?? throw new UsageException("--type is required."),
                        context.Get(description), context.Get(priority), context.Get(role), context.Get(agent),
                        context.Get(supporting), context.Get(after), context.Get(approvals), context.Get(budget), context.Get(attempts),
                        context.Get(reads), context.Get(writes)),
                ];
            }
            var ordered = TaskFile.InDependencyOrder(specs);
            var hive = await context.HiveAsync(cancellationToken);
            var created = new List<TaskInfo>();
            foreach (var spec in ordered) created.Add(await hive.Tasks.CreateAsync(spec, context.Actor));
            if (context.Get(json)) context.Out.Json(created);
            else foreach (var task in created) context.Out.Line($"task {task.Id}: {Names.Of(task.Status)}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
