using Hive.Audit;
using Hive.Console.Cli;
using Hive.Console.Input;
using Hive.Console.Output;

namespace Hive.Console.Commands;

/// <summary><c>hive audit</c>: the audit trail, newest first, filtered by entity, actor and time range.</summary>
internal static class AuditCommand
{
    public static Command Create(CommandRunner runner, TimeProvider clock)
    {
        var entity = new Option<string?>("--entity") { Description = "Only this entity, as kind/id: agent/a1, task/t1, escalation/e1, memory/ns/channel/key." };
        var actor = new Option<string?>("--actor") { Description = "Only changes made by this actor." };
        var since = Options.Time("--since", "Only changes at or after", clock);
        var until = Options.Time("--until", "Only changes at or before", clock);
        var json = Options.Json();
        var command = new Command("audit", "Who changed what, when, from which state to which; newest first.") { entity, actor, since, until, json }
            .WithExamples("hive audit --entity task/week1-task-4", "hive audit --actor security-1 --since 2h",
                "hive audit --since 2026-01-01T00:00Z --until 2026-01-02T00:00Z --all --json");
        var paging = Paging.AddTo(command);
        runner.Handle(command, async (context, cancellationToken) =>
        {
            var hive = await context.HiveAsync(cancellationToken);
            var page = await paging.ReadAsync(context, (size, token) => hive.Audit.QueryAsync(
                new AuditQuery(context.Get(entity), context.Get(actor), context.Get(since), context.Get(until), size, token)));
            context.Out.Page(page, context.Get(json), AuditViews.List);
            return ExitCodes.Ok;
        });
        return command;
    }
}
