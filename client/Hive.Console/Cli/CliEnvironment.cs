using Hive.Console.Connection;

namespace Hive.Console.Cli;

/// <summary>
/// Everything the command tree touches outside itself: where output goes, how it reaches the hive, the environment.
/// The terminal gets the real ones; tests build the tree with a test console and a running in-process hive.
/// </summary>
internal sealed class CliEnvironment
{
    public required IAnsiConsole Out { get; init; }
    public required IAnsiConsole Error { get; init; }

    /// <summary>Makes the connector for the resolved settings; the terminal's starts an Orleans client.</summary>
    public Func<ConnectionSettings, IHiveConnector> Connector { get; init; } = settings => new OrleansConnector(settings);

    public Func<string, string?> Variable { get; init; } = Environment.GetEnvironmentVariable;
    public string HomeDirectory { get; init; } = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    /// <summary>Where a development silo's credentials file is looked for (here and in the folders above).</summary>
    public string WorkingDirectory { get; init; } = Environment.CurrentDirectory;
    public string? UserName { get; init; } = Environment.UserName;
    public TextReader Input { get; init; } = TextReader.Null;
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>How often <c>hive top</c> redraws.</summary>
    public TimeSpan TopInterval { get; init; } = TimeSpan.FromSeconds(1);

    public static CliEnvironment ForTerminal() => new()
    {
        Out = Terminals.Create(System.Console.Out, System.Console.IsOutputRedirected),
        Error = Terminals.Create(System.Console.Error, System.Console.IsErrorRedirected),
        Input = System.Console.In,
    };
}
