using Hive.Console.Commands;

namespace Hive.Console.Cli;

/// <summary>The <c>hive</c> command tree: built once per run around an environment, so tests run it in-process.</summary>
internal static class HiveCli
{
    public static RootCommand Build(CliEnvironment env)
    {
        ArgumentNullException.ThrowIfNull(env);
        var globals = new GlobalOptions();
        var runner = new CommandRunner(env, globals);
        var root = new RootCommand("hive: the admin console of a Hive coordination cluster.").WithExamples(
            "hive status",
            "hive agents list --status ready",
            "hive --gateway 10.0.0.5:30000 tasks show week1-task-4 --json",
            "hive top");
        globals.AddTo(root);
        root.Subcommands.Add(StatusCommand.Create(runner));
        root.Subcommands.Add(AgentsCommand.Create(runner));
        root.Subcommands.Add(TasksCommand.Create(runner));
        root.Subcommands.Add(MemoryCommand.Create(runner));
        root.Subcommands.Add(MessagesCommand.Create(runner));
        root.Subcommands.Add(EscalationsCommand.Create(runner));
        root.Subcommands.Add(LevelCommand.Create(runner));
        root.Subcommands.Add(HaltCommand.Create(runner));
        root.Subcommands.Add(ResumeCommand.Create(runner));
        root.Subcommands.Add(AuditCommand.Create(runner, env.Time));
        root.Subcommands.Add(ReportCommand.Create(runner, env.Time));
        root.Subcommands.Add(ExportCommand.Create(runner));
        root.Subcommands.Add(ImportCommand.Create(runner));
        root.Subcommands.Add(TopCommand.Create(runner));
        root.Subcommands.Add(AuthCommand.Create(runner, env.Time));
        ExamplesHelp.Install(root);
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; returns the exit code (see <see cref="ExitCodes"/>).</summary>
    public static Task<int> RunAsync(string[] args, CliEnvironment env, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(env);
        var configuration = new InvocationConfiguration
        {
            Output = env.Out.Profile.Out.Writer,
            Error = env.Error.Profile.Out.Writer,
            // Signals are the caller's to turn into cancellation (Program does for the terminal), so tests are not killed.
            ProcessTerminationTimeout = null,
        };
        return Build(env).Parse(args).InvokeAsync(configuration, cancellationToken);
    }
}
