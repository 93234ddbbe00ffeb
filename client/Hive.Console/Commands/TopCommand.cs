using Hive.Console.Cli;
using Hive.Console.Top;

namespace Hive.Console.Commands;

/// <summary><c>hive top</c>: a live view of agents, tasks in flight and open escalations, refreshed every second.</summary>
internal static class TopCommand
{
    public static Command Create(CommandRunner runner)
    {
        var command = new Command("top", "A live full-screen view of agents, tasks in flight and open escalations; q or Ctrl+C quits. "
            + "It keeps running when the hive goes away, shows 'hive unreachable, retrying', and recovers when it is back.")
            .WithExamples("hive top", "hive --gateway 10.0.0.5:30000 top");
        runner.Handle(command, async (context, cancellationToken) =>
        {
            var console = context.Environment.Out;
            await using var source = new TopSource(context.Connector(), context.Environment.Time);
            var loop = new TopLoop(console, source, context.Settings.Describe(), context.Environment.TopInterval);
            if (console.Profile.Capabilities is { Interactive: true, AlternateBuffer: true })
                console.AlternateScreen(() => loop.RunAsync(cancellationToken).GetAwaiter().GetResult());
            else
                await loop.RunAsync(cancellationToken);
            return ExitCodes.Ok;
        });
        return command;
    }
}
