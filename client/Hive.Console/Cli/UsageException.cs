namespace Hive.Console.Cli;

/// <summary>The command line or an input file is wrong; reported with exit code 1 before anything is written.</summary>
internal sealed class UsageException : Exception
{
    public UsageException() : this("The command line is not valid.") { }

    public UsageException(string message) : base(message) { }

    public UsageException(string message, Exception innerException) : base(message, innerException) { }
}
