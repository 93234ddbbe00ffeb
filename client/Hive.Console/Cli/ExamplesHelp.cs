using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Runtime.CompilerServices;

namespace Hive.Console.Cli;

/// <summary>Adds an "Examples:" section, after the standard help, to every command's <c>--help</c>.</summary>
internal static class ExamplesHelp
{
    private static readonly ConditionalWeakTable<Command, string[]> Examples = new();

    public static T WithExamples<T>(this T command, params string[] examples) where T : Command
    {
        Examples.AddOrUpdate(command, examples);
        return command;
    }

    public static IReadOnlyList<string> Of(Command command) => Examples.TryGetValue(command, out var examples) ? examples : [];

    /// <summary>Wraps the root's help action; the help option is recursive, so this covers every command.</summary>
    public static void Install(RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(root);
        foreach (var help in root.Options.OfType<HelpOption>())
        {
            if (help.Action is HelpAction standard) help.Action = new HelpWithExamples(standard);
        }
    }

    private sealed class HelpWithExamples(HelpAction standard) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            var exitCode = standard.Invoke(parseResult);
            var examples = Of(parseResult.CommandResult.Command);
            if (examples.Count == 0) return exitCode;
            var output = parseResult.InvocationConfiguration.Output;
            output.WriteLine("Examples:");
            foreach (var example in examples) output.WriteLine("  " + example);
            output.WriteLine();
            return exitCode;
        }
    }
}
