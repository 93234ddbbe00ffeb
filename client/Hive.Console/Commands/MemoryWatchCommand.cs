using Hive.Console.Cli;
using Hive.Console.Input;
using Hive.Console.Output;

namespace Hive.Console.Commands;

/// <summary>
/// <c>hive memory watch</c>: one line per change until Ctrl+C. The client's watch stream resumes from the last revision
/// it yielded after a lost connection, so a silo restart shows as a pause, never as a gap or a repeat.
/// </summary>
internal static class MemoryWatchCommand
{
    public static Command Create(CommandRunner runner)
    {
        var ns = new Argument<string>("namespace") { Description = "The namespace." };
        var channel = new Argument<string>("channel") { Description = "The channel." };
        var after = new Option<long>("--after") { Description = "Start after this revision (0: everything the log still holds)." };
        var json = Options.Json();
        var command = new Command("watch", "Stream every change to a channel until Ctrl+C (one JSON object per line with --json).") { ns, channel, after, json }
            .WithExamples("hive memory watch phase4_swarm coordination", "hive memory watch phase4_swarm reliability --after 120 --json");
        runner.Handle(command, async (context, cancellationToken) =>
        {
            var hive = await context.HiveAsync(cancellationToken);
            var asJson = context.Get(json);
            try
            {
                await foreach (var e in hive.Memory.WatchAsync(context.Required(ns), context.Required(channel), context.Get(after), cancellationToken))
                {
                    if (asJson) context.Out.Raw(System.Text.Json.JsonSerializer.Serialize(e, ConsoleJson.Compact));
                    else context.Out.Raw(MemoryViews.WatchLine(e));
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl+C is how a watch ends.
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
