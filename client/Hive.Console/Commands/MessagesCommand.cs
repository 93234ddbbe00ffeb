using System.Globalization;
using Hive.Console.Cli;
using Hive.Console.Input;
using Hive.Console.Output;

namespace Hive.Console.Commands;

/// <summary><c>hive messages send|inbox</c>.</summary>
internal static class MessagesCommand
{
    public static Command Create(CommandRunner runner)
    {
        var command = new Command("messages", "Send a message on an agent's behalf; look into an agent's inbox.")
            .WithExamples("hive messages send --from deployer-1 --to reviewer-7 --subject \"Review the plan\"", "hive messages inbox reviewer-7");
        command.Subcommands.Add(Send(runner));
        command.Subcommands.Add(Inbox(runner));
        return command;
    }

    private static Command Send(CommandRunner runner)
    {
        var from = new Option<string>("--from") { Description = "The sending agent (it must be registered).", Required = true };
        var to = new Option<string?>("--to") { Description = "The receiving agent." };
        var role = new Option<string?>("--role") { Description = "Send to every agent of this role that is not offline (instead of --to)." };
        var kind = new Option<string>("--kind") { Description = "What kind of message (an id).", DefaultValueFactory = _ => "notice" };
        var subject = new Option<string>("--subject") { Description = "1–200 characters.", Required = true };
        var body = new Option<string>("--body") { Description = "The text (at most 16 KiB).", DefaultValueFactory = _ => "" };
        var correlation = new Option<string?>("--correlation") { Description = "Ties a reply to its request (an id)." };
        var json = Options.Json();
        var command = new Command("send", "Send a message to an agent or to every agent of a role.") { from, to, role, kind, subject, body, correlation, json }
            .WithExamples("hive messages send --from deployer-1 --to reviewer-7 --kind request --subject \"Review the plan\" --body \"See memory ops/plans/v2\"",
                "hive messages send --from deployer-1 --role production-validator --subject \"Deploy starts in 5 min\"");
        runner.Handle(command, async (context, cancellationToken) =>
        {
            if ((context.Get(to) is null) == (context.Get(role) is null)) throw new UsageException("Give exactly one of --to and --role.");
            var draft = new MessageDraft(context.Get(from)!, context.Get(kind)!, context.Get(subject)!, context.Get(body)!,
                context.Get(to), context.Get(role), context.Get(correlation));
            var hive = await context.HiveAsync(cancellationToken);
            if (draft.To is { } agent)
            {
                var sequence = await hive.Messages.SendAsync(draft);
                if (context.Get(json)) context.Out.Json(new { to = agent, sequence });
                else context.Out.Line($"delivered to {agent} as message {sequence.ToString(CultureInfo.InvariantCulture)}");
                return ExitCodes.Ok;
            }
            var receipt = await hive.Messages.SendToRoleAsync(draft);
            if (context.Get(json)) context.Out.Json(receipt);
            else
            {
                context.Out.Line($"delivered to {receipt.Delivered.Count.ToString(CultureInfo.InvariantCulture)} agent(s): {Formats.List(receipt.Delivered.Select(d => d.AgentId))}");
                if (receipt.InboxFull.Count > 0) context.Out.Line($"not delivered, inbox full: {Formats.List(receipt.InboxFull)}");
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Inbox(CommandRunner runner)
    {
        var agent = new Argument<string>("agent") { Description = "Whose inbox." };
        var limit = new Option<int>("--limit") { Description = $"How many of the oldest pending messages to show (1–{MessageLimits.MaxReceiveBatch}).", DefaultValueFactory = _ => 20 };
        var json = Options.Json();
        var command = new Command("inbox", "An agent's oldest pending (unacked) messages; looking acks nothing.") { agent, limit, json }
            .WithExamples("hive messages inbox reviewer-7", "hive messages inbox reviewer-7 --limit 100 --json");
        runner.Handle(command, async (context, cancellationToken) =>
        {
            var id = context.Required(agent);
            var max = context.Get(limit);
            if (max is < 1 or > MessageLimits.MaxReceiveBatch) throw new UsageException($"--limit must be 1–{MessageLimits.MaxReceiveBatch}; got {max}.");
            var hive = await context.HiveAsync(cancellationToken);
            await hive.Agents.GetAsync(id);
            var size = await hive.Messages.InboxSizeAsync(id);
            var messages = await hive.Messages.ReceiveAsync(id, max);
            if (context.Get(json))
            {
                context.Out.Json(new { agent = id, pending = size.Pending, capacity = size.Capacity, delivered = size.LastSequence, messages });
                return ExitCodes.Ok;
            }
            context.Out.Line($"{id}: {size.Pending} pending of {size.Capacity}; {size.LastSequence} delivered in all");
            context.Out.Write(MessageViews.List(messages));
            return ExitCodes.Ok;
        });
        return command;
    }
}
