using Hive.Console.Cli;
using Hive.Console.Input;
using Hive.Console.Output;

namespace Hive.Console.Commands;

/// <summary><c>hive agents list|show|suspend|resume|drain</c>.</summary>
internal static class AgentsCommand
{
    public static Command Create(CommandRunner runner)
    {
        var command = new Command("agents", "List agents and operate on them.")
            .WithExamples("hive agents list", "hive agents show validator-1", "hive agents suspend deployer-1 --reason \"bad rollout\"");
        command.Subcommands.Add(List(runner));
        command.Subcommands.Add(Show(runner));
        command.Subcommands.Add(Act(runner, "suspend", "Take an agent out of rotation: it keeps its current task but gets no new ones.",
            (hive, id, actor, reason) => hive.Agents.SuspendAsync(id, actor, reason!), needsReason: true,
            "hive agents suspend deployer-1 --reason \"rollout paused\""));
        command.Subcommands.Add(Act(runner, "resume", "Put a suspended agent back into rotation.",
            (hive, id, actor, _) => hive.Agents.ResumeAsync(id, actor), needsReason: false, "hive agents resume deployer-1"));
        command.Subcommands.Add(Act(runner, "drain", "Deregister an agent: no new tasks; offline once its current task ends.",
            (hive, id, actor, _) => hive.Agents.DeregisterAsync(id, actor), needsReason: false, "hive agents drain deployer-1 --json"));
        return command;
    }

    private static Command List(CommandRunner runner)
    {
        var status = Options.Enum<AgentStatus>("--status", "Only agents in this status");
        var role = new Option<string?>("--role") { Description = "Only agents with this role." };
        var json = Options.Json();
        var command = new Command("list", "Agents, ordered by id.") { status, role, json }
            .WithExamples("hive agents list", "hive agents list --status unresponsive", "hive agents list --role security-manager --all --json");
        var paging = Paging.AddTo(command);
        runner.Handle(command, async (context, cancellationToken) =>
        {
            var hive = await context.HiveAsync(cancellationToken);
            var page = await paging.ReadAsync(context, (size, token) =>
                hive.Agents.ListAsync(new AgentQuery(context.Get(status), context.Get(role), size, token)));
            context.Out.Page(page, context.Get(json), AgentViews.List);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Show(CommandRunner runner)
    {
        var id = new Argument<string>("agent") { Description = "The agent id." };
        var json = Options.Json();
        var command = new Command("show", "One agent: status, roles, current task, heartbeat.") { id, json }
            .WithExamples("hive agents show validator-1", "hive agents show validator-1 --json");
        runner.Handle(command, async (context, cancellationToken) =>
        {
            var hive = await context.HiveAsync(cancellationToken);
            Print(context, await hive.Agents.GetAsync(context.Required(id)), json);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Act(CommandRunner runner, string name, string description,
        Func<HiveClient, string, string, string?, Task<AgentInfo>> act, bool needsReason, string example)
    {
        var id = new Argument<string>("agent") { Description = "The agent id." };
        var reason = new Option<string?>("--reason") { Description = "Why (kept in the audit trail).", Required = needsReason };
        var json = Options.Json();
        var command = new Command(name, description) { id, json }.WithExamples(example);
        if (needsReason) command.Options.Add(reason);
        runner.Handle(command, async (context, cancellationToken) =>
        {
            var hive = await context.HiveAsync(cancellationToken);
            var agent = await act(hive, context.Required(id), context.Actor, context.Get(reason));
            if (context.Get(json)) context.Out.Json(agent);
            else context.Out.Line($"agent {agent.Id}: {Names.Of(agent.Status)}{(agent.Draining ? " (draining: offline when its task ends)" : "")}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Print(CommandContext context, AgentInfo agent, Option<bool> json)
    {
        if (context.Get(json)) context.Out.Json(agent);
        else context.Out.Write(AgentViews.Detail(agent));
    }
}
