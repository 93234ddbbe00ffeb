namespace Hive.Chaos;

/// <summary>One call as the driver saw it: when it started and ended (since the run began) and how it went.</summary>
/// <param name="Error">Null when the call succeeded; otherwise the Hive error code, or the exception's type name.</param>
public sealed record CallRecord(CallKind Kind, TimeSpan Started, TimeSpan Ended, string? Error)
{
    public bool Succeeded => Error is null;

    public TimeSpan Took => Ended - Started;
}
