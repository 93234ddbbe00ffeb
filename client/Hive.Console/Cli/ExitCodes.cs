namespace Hive.Console.Cli;

/// <summary>The console's exit codes. Scripts branch on them, so a code never changes meaning.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The command line or an input file is wrong; nothing was sent to the hive.</summary>
    public const int Usage = 1;

    /// <summary>The hive answered <c>not-found</c>.</summary>
    public const int NotFound = 2;

    /// <summary>The hive answered with any other error code (validation, conflict, invalid-transition, forbidden…); it changed nothing.</summary>
    public const int Rejected = 3;

    /// <summary>The hive could not be reached.</summary>
    public const int Unreachable = 4;

    /// <summary>A failure the console did not expect: a bug to report, with the exception type it prints.</summary>
    public const int Internal = 5;

    /// <summary>Ctrl+C stopped a command that does not treat it as the normal way out.</summary>
    public const int Interrupted = 130;
}
