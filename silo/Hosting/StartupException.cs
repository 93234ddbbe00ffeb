namespace Hive.Silo.Hosting;

/// <summary>A reason the silo cannot start, already phrased as one line for the operator (no secrets, no stack trace).</summary>
public sealed class StartupException : Exception
{
    public StartupException() { }
    public StartupException(string message) : base(message) { }
    public StartupException(string message, Exception inner) : base(message, inner) { }
}
