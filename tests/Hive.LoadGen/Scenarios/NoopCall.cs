using Hive.Client;
using Hive.Diagnostics;

namespace Hive.LoadGen.Scenarios;

/// <summary>
/// Baseline for calls that touch no storage: a no-op grain call through the same client wrapper, gateway and filters.
/// The same call against the transport silos (<see cref="TransportSilos"/>) shows what authentication and TLS cost.
/// </summary>
internal sealed class NoopCall(string name, string? baseline, HiveCalls calls, IClusterClient cluster) : IScenario
{
    public const string ScenarioName = "noop-call";

    public NoopCall(HiveTarget target) : this(ScenarioName, null, target.Calls, target.Cluster)
    {
    }

    public string Name => name;

    public string? Baseline => baseline;

    public IReadOnlyList<string> Steps => [];

    public Task PrepareAsync(int workers, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task RunOnceAsync(int worker, long iteration, StepClock steps) =>
        calls.Run(() => cluster.GetGrain<IPingGrain>(0).Ping());
}
