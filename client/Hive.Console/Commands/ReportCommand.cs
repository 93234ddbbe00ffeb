using Hive.Console.Cli;
using Hive.Console.Input;
using Hive.Console.Reports;

namespace Hive.Console.Commands;

/// <summary><c>hive report status|escalation|summary</c>: seed 002's and seed 001's Markdown templates, from live data.</summary>
internal static class ReportCommand
{
    public static Command Create(CommandRunner runner, TimeProvider clock)
    {
        var command = new Command("report", "Markdown reports from live data: an agent's status update, an escalation, the coordination summary.")
            .WithExamples("hive report status --agent validator-1", "hive report escalation rate-limits-task-6", "hive report summary --title \"WEEK 1 COORDINATION SUMMARY\"");
        command.Subcommands.Add(Status(runner, clock));
        command.Subcommands.Add(Escalation(runner));
        command.Subcommands.Add(Summary(runner));
        return command;
    }

    private static Command Status(CommandRunner runner, TimeProvider clock)
    {
        var agent = new Option<string>("--agent") { Description = "Whose status update.", Required = true };
        var since = Options.Time("--since", "Count completed work from (default: 24 hours ago)", clock);
        var json = Options.Json();
        var command = new Command("status", "An agent's status update (seed 002's template).") { agent, since, json }
            .WithExamples("hive report status --agent validator-1", "hive report status --agent reliability-1 --since 2h > status.md");
        runner.Handle(command, async (context, cancellationToken) =>
        {
            var now = context.Environment.Time.GetUtcNow();
            var update = await StatusUpdateReader.ReadAsync(await context.HiveAsync(cancellationToken), context.Get(agent)!,
                context.Get(since) ?? now.AddDays(-1), now);
            if (context.Get(json)) context.Out.Json(update);
            else context.Out.Raw(update.ToMarkdown());
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Escalation(CommandRunner runner)
    {
        var id = new Argument<string>("escalation") { Description = "The escalation id." };
        var json = Options.Json();
        var command = new Command("escalation", "An escalation in seed 002's escalation format.") { id, json }
            .WithExamples("hive report escalation rate-limits-task-6", "hive report escalation db-latency > escalation.md");
        runner.Handle(command, async (context, cancellationToken) =>
        {
            var escalation = await (await context.HiveAsync(cancellationToken)).Escalations.GetAsync(context.Required(id));
            if (context.Get(json)) context.Out.Json(escalation);
            else context.Out.Raw(EscalationMarkdown.Render(escalation));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Summary(CommandRunner runner)
    {
        var type = new Option<string?>("--type") { Description = "Count only tasks of this type." };
        var namespaces = Options.List("--namespace", "Count memory updates in these namespaces (default: all)");
        var title = new Option<string>("--title") { Description = "The heading.", DefaultValueFactory = _ => "COORDINATION SUMMARY" };
        var json = Options.Json();
        var command = new Command("summary", "Tasks coordinated, success rate, memory updates, messages, validations (seed 001's summary).")
        {
            type, namespaces, title, json,
        }.WithExamples("hive report summary", "hive report summary --type reliability --namespace phase4_swarm --title \"WEEK 1 COORDINATION SUMMARY\"");
        runner.Handle(command, async (context, cancellationToken) =>
        {
            var summary = await HiveSummary.ReadAsync(await context.HiveAsync(cancellationToken), context.Get(type), context.Get(namespaces));
            if (context.Get(json)) context.Out.Json(summary);
            else context.Out.Raw(summary.ToMarkdown(context.Get(title)!));
            return ExitCodes.Ok;
        });
        return command;
    }
}
