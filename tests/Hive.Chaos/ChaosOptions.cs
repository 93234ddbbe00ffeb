namespace Hive.Chaos;

/// <summary>How much load the driver runs: writers per kind of write, and a run id that keeps each run's data apart.</summary>
public sealed record ChaosOptions
{
    public int MemoryWriters { get; init; } = 4;
    public int TaskWriters { get; init; } = 4;
    public int MessageWriters { get; init; } = 2;

    /// <summary>Prefixes every agent, task and namespace the run writes; a valid Hive id.</summary>
    public string RunId { get; init; } = "chaos-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>How long verification keeps asking a read that fails for a passing reason.</summary>
    public TimeSpan VerifyPatience { get; init; } = TimeSpan.FromSeconds(60);
}
