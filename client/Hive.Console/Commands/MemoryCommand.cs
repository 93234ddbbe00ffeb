using System.Globalization;
using Hive.Console.Cli;
using Hive.Console.Input;
using Hive.Console.Output;

namespace Hive.Console.Commands;

/// <summary><c>hive memory ls|get|put|rm|watch</c>: shared memory by namespace, channel and key.</summary>
internal static class MemoryCommand
{
    public static Command Create(CommandRunner runner)
    {
        var command = new Command("memory", "Read, write and watch shared memory.")
            .WithExamples("hive memory ls phase4_swarm", "hive memory get phase4_swarm reliability circuit_breaker_status",
                "hive memory watch phase4_swarm coordination");
        command.Subcommands.Add(List(runner));
        command.Subcommands.Add(Get(runner));
        command.Subcommands.Add(Put(runner));
        command.Subcommands.Add(Remove(runner));
        command.Subcommands.Add(MemoryWatchCommand.Create(runner));
        return command;
    }

    private static Command List(CommandRunner runner)
    {
        var ns = new Argument<string?>("namespace") { Description = "List this namespace's channels (leave out to list namespaces).", Arity = ArgumentArity.ZeroOrOne };
        var channel = new Argument<string?>("channel") { Description = "List this channel's live keys.", Arity = ArgumentArity.ZeroOrOne };
        var json = Options.Json();
        var command = new Command("ls", "Namespaces; the channels of a namespace; or the live keys of a channel.") { ns, channel, json }
            .WithExamples("hive memory ls", "hive memory ls phase4_swarm", "hive memory ls phase4_swarm reliability --json");
        var paging = Paging.AddTo(command);
        runner.Handle(command, async (context, cancellationToken) =>
        {
            var hive = await context.HiveAsync(cancellationToken);
            var asJson = context.Get(json);
            if (context.Get(ns) is not { } n)
                context.Out.Page(await paging.ReadAsync(context, hive.Memory.ListNamespacesAsync), asJson, MemoryViews.Namespaces);
            else if (context.Get(channel) is not { } c)
                context.Out.Page(await paging.ReadAsync(context, (size, token) => hive.Memory.ListChannelsAsync(n, size, token)), asJson, MemoryViews.Channels);
            else
                context.Out.Page(await paging.ReadAsync(context, (size, token) => hive.Memory.ListKeysAsync(n, c, size, token)), asJson, MemoryViews.Keys);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Get(CommandRunner runner)
    {
        var (ns, channel, key) = KeyArguments();
        var json = Options.Json();
        var command = new Command("get", "One key's value, version, author and expiry.") { ns, channel, key, json }
            .WithExamples("hive memory get phase4_swarm reliability circuit_breaker_status", "hive memory get phase4_swarm health health_check_system --json");
        runner.Handle(command, async (context, cancellationToken) =>
        {
            var (n, c, k) = (context.Required(ns), context.Required(channel), context.Required(key));
            var entry = await (await context.HiveAsync(cancellationToken)).Memory.GetAsync(n, c, k)
                ?? throw HiveException.NotFound($"memory/{n}/{c}/{k}");
            if (context.Get(json)) context.Out.Json(MemoryViews.Json(entry));
            else context.Out.Write(MemoryViews.Entry(entry));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Put(CommandRunner runner)
    {
        var (ns, channel, key) = KeyArguments();
        var value = new Argument<string?>("value") { Description = "JSON text; '-' reads it from standard input.", Arity = ArgumentArity.ZeroOrOne };
        var file = new Option<string?>("--file") { Description = "Read the JSON value from this file." };
        var ttl = Options.Duration("--ttl", "Remove the value this long after the write");
        var expect = new Option<long?>("--expect-version") { Description = "Write only if the key is at this version (0: only if absent)." };
        var author = new Option<string?>("--author") { Description = "Who wrote it (default: the actor)." };
        var json = Options.Json();
        var command = new Command("put", "Write a JSON value (a plain string needs its quotes).") { ns, channel, key, value, file, ttl, expect, author, json }
            .WithExamples("hive memory put phase4_swarm reliability circuit_breaker_status '{\"state\":\"open\"}'",
                "hive memory put ops notes today '\"deploy frozen\"' --ttl 8h",
                "hive memory put phase4_swarm health checks --file checks.json --expect-version 3");
        runner.Handle(command, async (context, cancellationToken) =>
        {
            var text = (context.Get(value), context.Get(file)) switch
            {
                ("-", null) => await context.Environment.Input.ReadToEndAsync(cancellationToken),
                ({ } inline, null) => inline,
                (null, { } path) => File.Exists(path) ? await File.ReadAllTextAsync(path, cancellationToken) : throw new UsageException($"The file '{path}' does not exist."),
                _ => throw new UsageException("Give the value as an argument, '-' for standard input, or --file; exactly one."),
            };
            var hive = await context.HiveAsync(cancellationToken);
            var entry = await hive.Memory.PutAsync(context.Required(ns), context.Required(channel), context.Required(key), text.Trim(),
                context.Get(author) ?? context.Actor, context.Get(expect), context.Get(ttl));
            if (context.Get(json)) context.Out.Json(MemoryViews.Json(entry));
            else context.Out.Line($"memory/{entry.Namespace}/{entry.Channel}/{entry.Key}: version {entry.Version.ToString(CultureInfo.InvariantCulture)}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Remove(CommandRunner runner)
    {
        var (ns, channel, key) = KeyArguments();
        var expect = new Option<long?>("--expect-version") { Description = "Delete only if the key is at this version." };
        var author = new Option<string?>("--author") { Description = "Who deleted it (default: the actor)." };
        var command = new Command("rm", "Delete a key's value. Exit 2 when there was none.") { ns, channel, key, expect, author }
            .WithExamples("hive memory rm ops notes today", "hive memory rm phase4_swarm health checks --expect-version 4");
        runner.Handle(command, async (context, cancellationToken) =>
        {
            var (n, c, k) = (context.Required(ns), context.Required(channel), context.Required(key));
            var hive = await context.HiveAsync(cancellationToken);
            if (!await hive.Memory.DeleteAsync(n, c, k, context.Get(author) ?? context.Actor, context.Get(expect)))
                throw HiveException.NotFound($"memory/{n}/{c}/{k}");
            context.Out.Line($"memory/{n}/{c}/{k}: deleted");
            return ExitCodes.Ok;
        });
        return command;
    }

    internal static (Argument<string> Namespace, Argument<string> Channel, Argument<string> Key) KeyArguments() => (
        new Argument<string>("namespace") { Description = "The namespace, for example phase4_swarm." },
        new Argument<string>("channel") { Description = "The channel, for example reliability." },
        new Argument<string>("key") { Description = "The key, for example circuit_breaker_status." });
}
