using Hive.Console.Cli;
using Hive.Console.Input;
using Hive.Console.Output;

namespace Hive.Console.Commands;

/// <summary><c>hive escalations list|show|ack|mitigate|resolve|close</c>.</summary>
internal static class EscalationsCommand
{
    public static Command Create(CommandRunner runner)
    {
        var command = new Command("escalations", "List escalations and carry them through their lifecycle.")
            .WithExamples("hive escalations list --status open", "hive escalations ack db-latency --note \"on it\"");
        command.Subcommands.Add(List(runner));
        command.Subcommands.Add(Show(runner));
        command.Subcommands.Add(Act(runner, "ack", "Take ownership; the acknowledgement deadline stops.", "--note", required: false,
            (hive, id, actor, note) => hive.Escalations.AcknowledgeAsync(id, actor, note), "hive escalations ack db-latency --note \"looking\""));
        command.Subcommands.Add(Act(runner, "mitigate", "Work to reduce the impact is under way.", "--note", required: true,
            (hive, id, actor, note) => hive.Escalations.MitigateAsync(id, actor, note!), "hive escalations mitigate db-latency --note \"failing over\""));
        command.Subcommands.Add(Act(runner, "resolve", "The cause is dealt with.", "--resolution", required: true,
            (hive, id, actor, note) => hive.Escalations.ResolveAsync(id, actor, note!), "hive escalations resolve db-latency --resolution \"replica promoted\""));
        command.Subcommands.Add(Act(runner, "close", "Close a resolved escalation with its post-mortem.", "--post-mortem", required: true,
            (hive, id, actor, note) => hive.Escalations.CloseAsync(id, actor, note!), "hive escalations close db-latency --post-mortem \"stale capacity figures\""));
        return command;
    }

    private static Command List(CommandRunner runner)
    {
        var status = Options.Enum<EscalationStatus>("--status", "Only escalations in this status");
        var severity = Options.Enum<Severity>("--severity", "Only escalations at this severity now");
        var json = Options.Json();
        var command = new Command("list", "Escalations, ordered by id.") { status, severity, json }
            .WithExamples("hive escalations list", "hive escalations list --status open --severity critical", "hive escalations list --all --json");
        var paging = Paging.AddTo(command);
        runner.Handle(command, async (context, cancellationToken) =>
        {
            var hive = await context.HiveAsync(cancellationToken);
            var page = await paging.ReadAsync(context, (size, token) =>
                hive.Escalations.ListAsync(new EscalationQuery(context.Get(status), context.Get(severity), size, token)));
            context.Out.Page(page, context.Get(json), EscalationViews.List);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Show(CommandRunner runner)
    {
        var id = new Argument<string>("escalation") { Description = "The escalation id." };
        var json = Options.Json();
        var command = new Command("show", "One escalation with every template field.") { id, json }
            .WithExamples("hive escalations show db-latency", "hive escalations show db-latency --json");
        runner.Handle(command, async (context, cancellationToken) =>
        {
            var escalation = await (await context.HiveAsync(cancellationToken)).Escalations.GetAsync(context.Required(id));
            if (context.Get(json)) context.Out.Json(escalation);
            else context.Out.Write(EscalationViews.Detail(escalation));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Act(CommandRunner runner, string name, string description, string noteOption, bool required,
        Func<HiveClient, string, string, string?, Task<EscalationInfo>> act, string example)
    {
        var id = new Argument<string>("escalation") { Description = "The escalation id." };
        var note = new Option<string?>(noteOption) { Description = "Kept with the escalation and in the audit trail.", Required = required };
        var json = Options.Json();
        var command = new Command(name, description) { id, note, json }.WithExamples(example);
        runner.Handle(command, async (context, cancellationToken) =>
        {
            var hive = await context.HiveAsync(cancellationToken);
            var escalation = await act(hive, context.Required(id), context.Actor, context.Get(note));
            if (context.Get(json)) context.Out.Json(escalation);
            else context.Out.Line($"escalation {escalation.Id}: {Names.Of(escalation.Status)}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
