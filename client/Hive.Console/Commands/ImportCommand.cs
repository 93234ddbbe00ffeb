using System.Text.Json;
using Hive.Console.Cli;
using Hive.Console.Output;
using Hive.Console.Snapshots;

namespace Hive.Console.Commands;

/// <summary><c>hive import</c>: recreates a snapshot in this hive, after checking all of it.</summary>
internal static class ImportCommand
{
    public static Command Create(CommandRunner runner)
    {
        var file = new Argument<string>("file") { Description = "A snapshot written by hive export." };
        var force = new Option<bool>("--force") { Description = "Proceed when entities exist: update agent specs and memory values; keep existing tasks and escalations." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check everything and say what would be written; write nothing." };
        var json = Input.Options.Json();
        var command = new Command("import", "Recreate a snapshot's agents, tasks, memory and escalations; checks everything before the first write.")
        {
            file, force, dryRun, json,
        }.WithExamples("hive import hive-backup.json", "hive import hive-backup.json --dry-run", "hive --gateway new-hive:30000 import hive-backup.json --force");
        runner.Handle(command, async (context, cancellationToken) =>
        {
            var snapshot = Read(context.Required(file));
            var hive = await context.HiveAsync(cancellationToken);
            var now = context.Environment.Time.GetUtcNow();
            var plan = await new ImportPlanner(hive, now).PlanAsync(snapshot, context.Get(force));
            var dry = context.Get(dryRun);
            var changed = dry ? [] : await new ImportWriter(hive, context.Actor, now).ApplyAsync(plan);
            if (context.Get(json))
            {
                context.Out.Json(new
                {
                    dryRun = dry,
                    agents = plan.NewAgents.Count,
                    agentsUpdated = plan.UpdatedAgents.Count,
                    tasks = plan.NewTasks.Count,
                    tasksKept = plan.KeptTasks,
                    memory = plan.Memory.Count,
                    memoryExpired = plan.ExpiredMemory,
                    escalations = plan.NewEscalations.Count,
                    escalationsKept = plan.KeptEscalations,
                    alertsLeftOut = plan.LeftOutAlerts,
                    changed,
                });
                return ExitCodes.Ok;
            }
            context.Out.Line($"{(dry ? "would import" : "imported")} {plan.NewAgents.Count} agents, {plan.NewTasks.Count} tasks, "
                + $"{plan.Memory.Count} memory values and {plan.NewEscalations.Count} escalations");
            if (plan.UpdatedAgents.Count > 0) context.Out.Line($"updated the specs of {plan.UpdatedAgents.Count} existing agents");
            if (plan.KeptTasks.Count + plan.KeptEscalations.Count > 0)
                context.Out.Line($"kept as they are here: {Formats.List(plan.KeptTasks.Select(t => "task/" + t).Concat(plan.KeptEscalations.Select(e => "escalation/" + e)))}");
            if (plan.LeftOutAlerts.Count > 0)
                context.Out.Line($"left out the source hive's own alerts (this hive raises them while their cause holds): {Formats.List(plan.LeftOutAlerts.Select(e => "escalation/" + e))}");
            if (plan.ExpiredMemory.Count > 0) context.Out.Line($"skipped memory values that expired before the import: {Formats.List(plan.ExpiredMemory)}");
            foreach (var line in changed) context.Out.Line("came back otherwise: " + line);
            return ExitCodes.Ok;
        });
        return command;
    }

    internal static HiveSnapshot Read(string path)
    {
        if (!File.Exists(path)) throw new UsageException($"The snapshot '{path}' does not exist.");
        HiveSnapshot? snapshot;
        try
        {
            snapshot = JsonSerializer.Deserialize<HiveSnapshot>(File.ReadAllText(path), ConsoleJson.Options);
        }
        catch (JsonException e)
        {
            throw new UsageException($"{path} is not a hive snapshot: {e.Message}", e);
        }
        if (snapshot?.Format != HiveSnapshot.CurrentFormat)
            throw new UsageException($"{path} is not a hive snapshot of format {HiveSnapshot.CurrentFormat}; write one with hive export.");
        return snapshot with
        {
            Namespaces = snapshot.Namespaces ?? [],
            Agents = snapshot.Agents ?? [],
            Tasks = snapshot.Tasks ?? [],
            Memory = snapshot.Memory ?? [],
            Escalations = snapshot.Escalations ?? [],
        };
    }
}
