using Hive.Console.Cli;
using Hive.Console.Input;

namespace Hive.Console.Commands;

/// <summary><c>hive halt</c>: the stop switch. Every task and memory change is rejected until <c>hive resume</c>.</summary>
internal static class HaltCommand
{
    public static Command Create(CommandRunner runner)
    {
        var reason = new Option<string>("--reason") { Description = "Why (shown in every rejection and kept in the audit trail).", Required = true };
        var json = Options.Json();
        var command = new Command("halt", "Stop every task and memory change (create, claim, progress, complete, approve, cancel, retry, put, delete) "
            + "until 'hive resume'; reads, heartbeats, messages and escalations go on.") { reason, json }
            .WithExamples("hive halt --reason \"release candidate failed validation\"", "hive halt --reason \"bad deploy\" --as alice --json");
        runner.Handle(command, async (context, cancellationToken) =>
        {
            var hive = await context.HiveAsync(cancellationToken);
            var status = await hive.Health.HaltAsync(context.Operator, context.Get(reason)!);
            await LevelCommand.PrintAsync(context, hive, status, context.Get(json),
                $"hive halted by {status.HaltedBy}: {status.HaltReason}. Task and memory changes are rejected until 'hive resume'.");
            return ExitCodes.Ok;
        });
        return command;
    }
}
