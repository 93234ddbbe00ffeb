namespace Hive.Console.Cli;

/// <summary>Spectre consoles that colour only a terminal: never when NO_COLOR is set or the stream is redirected.</summary>
internal static class Terminals
{
    /// <summary>Redirected output is read by programs, so lines are not wrapped at a terminal's width.</summary>
    private const int RedirectedWidth = 4096;

    public static IAnsiConsole Create(TextWriter writer, bool redirected)
    {
        var plain = redirected || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = plain ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = plain ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = redirected ? InteractionSupport.No : InteractionSupport.Detect,
        });
        if (redirected) console.Profile.Width = RedirectedWidth;
        return console;
    }
}
