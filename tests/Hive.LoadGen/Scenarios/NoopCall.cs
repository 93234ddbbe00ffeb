using Hive.Diagnostics;

namespace Hive.LoadGen.Scenarios;

/// <summary>Baseline for calls that touch no storage: a no-op grain call through the same client wrapper, gateway and filters.</summary>
internal sealed class NoopCall(HiveTarget target) : IScenario
{
    public const string ScenarioName = "noop-call";

    public string Name => ScenarioName;

    public string? Baseline => null;

    public IReadOnlyList<string> Steps => [];

    public Task PrepareAsync(int workers, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task RunOnceAsync(int worker, long iteration, StepClock steps) =>
        target.Calls.Run(() => target.Cluster.GetGrain<IPingGrain>(0).Ping());
}
