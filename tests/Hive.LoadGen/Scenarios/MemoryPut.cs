namespace Hive.LoadGen.Scenarios;

/// <summary>
/// Durable memory writes of the ~1 KB value. Each worker cycles over keys of its own (no two workers share a key),
/// spread over a handful of channels as a fleet's agents would share them.
/// </summary>
internal sealed class MemoryPut(HiveTarget target, int keysPerWorker) : IScenario
{
    public const string Namespace = "bench";
    private const int Channels = 64;
    private int _prepared;

    public string Name => "memory-put";

    public string? Baseline => RawUpsert.ScenarioName;

    public IReadOnlyList<string> Steps => [];

    /// <summary>Writes every key once, so the measured puts update activated keys as the raw upserts update existing rows.</summary>
    public async Task PrepareAsync(int workers, CancellationToken cancellationToken)
    {
        await HiveTarget.ForEachAsync(_prepared * keysPerWorker, workers * keysPerWorker,
            i => PutAsync(i / keysPerWorker, i % keysPerWorker), cancellationToken);
        _prepared = Math.Max(_prepared, workers);
    }

    public Task RunOnceAsync(int worker, long iteration, StepClock steps) => PutAsync(worker, iteration % keysPerWorker);

    private Task<Hive.Memory.MemoryEntry> PutAsync(int worker, long key) =>
        target.Hive.Memory.PutAsync(Namespace, target.Id("ch", worker % Channels), target.Id($"w{worker}-k", key), Payload.Json, "loadgen");
}
