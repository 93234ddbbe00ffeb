namespace Hive.Console.Cli;

/// <summary>The hive could not be reached at the configured gateways; reported with exit code 4.</summary>
internal sealed class HiveUnreachableException : Exception
{
    public HiveUnreachableException() : this("The hive could not be reached.") { }

    public HiveUnreachableException(string message) : base(message) { }

    public HiveUnreachableException(string message, Exception innerException) : base(message, innerException) { }
}
