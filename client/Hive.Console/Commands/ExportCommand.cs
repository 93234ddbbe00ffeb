using Hive.Console.Cli;
using Hive.Console.Output;
using Hive.Console.Snapshots;

namespace Hive.Console.Commands;

/// <summary><c>hive export</c>: a JSON snapshot for backup and moving a hive, or seed 004's coordination status.</summary>
internal static class ExportCommand
{
    public static Command Create(CommandRunner runner)
    {
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file instead of standard output." };
        var namespaces = Input.Options.List("--namespace", "Memory namespaces to include (default: every namespace the hive lists)");
        var format = new Option<string>("--format") { Description = "snapshot (for hive import) or coordination-status (seed 004's shape).", DefaultValueFactory = _ => "snapshot" };
        format.AcceptOnlyFromAmong("snapshot", "coordination-status");
        var phase = new Option<string?>("--phase") { Description = "The phase to state in a coordination status (the hive has no phases)." };
        var command = new Command("export", "Write a JSON snapshot of agents, tasks, memory and escalations.") { output, namespaces, format, phase }
            .WithExamples("hive export -o hive-backup.json", "hive export --namespace phase4_swarm -o swarm.json",
                "hive export --format coordination-status --phase 1 -o coordination_status.json");
        runner.Handle(command, async (context, cancellationToken) =>
        {
            var hive = await context.HiveAsync(cancellationToken);
            var settings = context.Settings;
            var status = context.Get(format) == "coordination-status";
            var snapshot = await SnapshotExporter.ExportAsync(hive, context.Get(namespaces),
                new SnapshotSource(settings.Gateways, settings.ClusterId, settings.ServiceId), context.Environment.Time.GetUtcNow(), withMemory: !status);
            var json = status ? CoordinationStatus.Build(snapshot, context.Get(phase)).ToJsonString(ConsoleJson.Options) : ConsoleJson.Serialize(snapshot);
            if (context.Get(output) is { } path)
            {
                await File.WriteAllTextAsync(path, json + "\n", cancellationToken);
                context.Environment.Error.WriteLine(status
                    ? $"wrote the coordination status of {snapshot.Agents.Count} agents to {path}"
                    : $"wrote {snapshot.Agents.Count} agents, {snapshot.Tasks.Count} tasks, {snapshot.Memory.Count} memory values and {snapshot.Escalations.Count} escalations to {path}");
            }
            else
            {
                context.Out.Raw(json);
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
