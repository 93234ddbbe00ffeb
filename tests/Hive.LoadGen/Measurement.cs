namespace Hive.LoadGen;

/// <summary>What one scenario did at one concurrency inside the measured window.</summary>
internal sealed record Measurement(
    string Scenario,
    int Concurrency,
    double OpsPerSecond,
    Latency Total,
    IReadOnlyList<(string Step, Latency Latency)> Steps,
    long Errors,
    string? FirstError,
    CpuUse Cpu);
