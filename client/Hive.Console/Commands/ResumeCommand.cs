using Hive.Console.Cli;
using Hive.Console.Input;
using Hive.Console.Output;

namespace Hive.Console.Commands;

/// <summary><c>hive resume</c>: lifts a halt, so task and memory changes are accepted again.</summary>
internal static class ResumeCommand
{
    public static Command Create(CommandRunner runner)
    {
        var json = Options.Json();
        var command = new Command("resume", "Lift a halt: task and memory changes are accepted again.") { json }
            .WithExamples("hive resume", "hive resume --as alice --json");
        runner.Handle(command, async (context, cancellationToken) =>
        {
            var hive = await context.HiveAsync(cancellationToken);
            var status = await hive.Health.ResumeAsync(context.Operator);
            await LevelCommand.PrintAsync(context, hive, status, context.Get(json),
                $"hive resumed by {context.Operator}: task and memory changes are accepted again (service level {Names.Of(status.Level)})");
            return ExitCodes.Ok;
        });
        return command;
    }
}
