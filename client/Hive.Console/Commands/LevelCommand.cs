using Hive.Console.Cli;
using Hive.Console.Input;
using Hive.Console.Output;
using Hive.Health;

namespace Hive.Console.Commands;

/// <summary><c>hive level show|pin|unpin</c>: the service level the hive runs at, and an operator's hold on it.</summary>
internal static class LevelCommand
{
    /// <summary>The hive keeps a reason with every pin; this one says plainly that the operator gave none.</summary>
    public const string NoReason = "no reason given";

    public static Command Create(CommandRunner runner)
    {
        var command = new Command("level", "The service level (full, reduced, essential, emergency): show it, pin it, unpin it.")
            .WithExamples("hive level show", "hive level pin essential --reason \"database maintenance\"", "hive level unpin");
        command.Subcommands.Add(Show(runner));
        command.Subcommands.Add(Pin(runner));
        command.Subcommands.Add(Unpin(runner));
        return command;
    }

    private static Command Show(CommandRunner runner)
    {
        var json = Options.Json();
        var command = new Command("show", "The level now and what it accepts, whether it is pinned (by whom, why), the evaluated level, and the halt switch.") { json }
            .WithExamples("hive level show", "hive level show --json");
        runner.Handle(command, async (context, cancellationToken) =>
        {
            var hive = await context.HiveAsync(cancellationToken);
            var report = await HealthReport.ReadAsync(hive, await hive.Health.GetStatusAsync());
            if (context.Get(json)) context.Out.Json(HealthViews.Json(report));
            else context.Out.Write(HealthViews.Detail(report));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Pin(CommandRunner runner)
    {
        var level = Arguments.Enum<ServiceLevel>("level", "Hold the hive at this level until unpinned, whatever the signals say");
        var reason = new Option<string?>("--reason") { Description = $"Why (kept in the audit trail; default '{NoReason}')." };
        var json = Options.Json();
        var command = new Command("pin", "Hold the hive at a level until unpinned; evaluation goes on underneath.") { level, reason, json }
            .WithExamples("hive level pin essential --reason \"database maintenance\"", "hive level pin full --reason \"false alarm: CPU probe\" --as alice");
        runner.Handle(command, async (context, cancellationToken) =>
        {
            var pinTo = context.Parse.GetValue(level);
            var hive = await context.HiveAsync(cancellationToken);
            var status = await hive.Health.PinAsync(pinTo, context.Operator, context.Get(reason) ?? NoReason);
            await PrintAsync(context, hive, status, context.Get(json),
                $"service level pinned at {Names.Of(pinTo)} by {status.PinnedBy} (evaluated: {Names.Of(status.EvaluatedLevel)})");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Unpin(CommandRunner runner)
    {
        var json = Options.Json();
        var command = new Command("unpin", "Return the hive to the level its signals indicate.") { json }
            .WithExamples("hive level unpin", "hive level unpin --as alice --json");
        runner.Handle(command, async (context, cancellationToken) =>
        {
            var hive = await context.HiveAsync(cancellationToken);
            var status = await hive.Health.UnpinAsync(context.Operator);
            await PrintAsync(context, hive, status, context.Get(json), $"service level unpinned: now {Names.Of(status.Level)}, the evaluated level");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>What a health change leaves behind: one line for people, or the same JSON as <c>hive level show --json</c>.</summary>
    internal static async Task PrintAsync(CommandContext context, HiveClient hive, HiveHealthStatus status, bool json, string line)
    {
        if (json) context.Out.Json(HealthViews.Json(await HealthReport.ReadAsync(hive, status)));
        else context.Out.Line(line);
    }
}
