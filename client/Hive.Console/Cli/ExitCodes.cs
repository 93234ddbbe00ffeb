namespace Hive.Console.Cli;

/// <summary>The console's exit codes. Scripts branch on them, so a code never changes meaning.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The command line or an input file is wrong; nothing was sent to the hive.</summary>
    public const int Usage = 1;

    /// <summary>The hive answered <c>not-found</c>.</summary>
    public const int NotFound = 2;

    /// <summary>The hive answered with any other error code (validation, conflict, invalid-transition, halted…); it changed nothing.</summary>
    public const int Rejected = 3;

    /// <summary>The hive could not be reached.</summary>
    public const int Unreachable = 4;

    /// <summary>A failure the console did not expect: a bug to report, with the exception type it prints.</summary>
    public const int Internal = 5;

    /// <summary>The hive did not accept the credential (none, expired, revoked, or signed by a key it does not hold); nothing changed.</summary>
    public const int Unauthenticated = 6;

    /// <summary>The credential is accepted but may not do this (a scope, role or agent it does not grant); nothing changed.</summary>
    public const int Forbidden = 7;

    /// <summary>Ctrl+C stopped a command that does not treat it as the normal way out.</summary>
    public const int Interrupted = 130;
}
