using Hive.Tasks;

namespace Hive.LoadGen.Scenarios;

/// <summary>What the read scenarios read: one task, agent and memory key per worker, created before the first read.</summary>
internal sealed class ReadTargets(HiveTarget target)
{
    private int _prepared;

    public const string Channel = "reads";

    public async Task PrepareAsync(int workers, CancellationToken cancellationToken)
    {
        if (workers <= _prepared) return;
        await target.RegisterAsync(Enumerable.Range(_prepared, workers - _prepared).Select(Agent).ToArray(), "bench-reader", cancellationToken);
        await HiveTarget.ForEachAsync(_prepared, workers, async w =>
        {
            // A role nobody has: the task stays ready and untouched, like a backlog item being looked at.
            await target.Hive.Tasks.CreateAsync(new TaskSpec(Task(w), "Read benchmark task", "bench", PrimaryRole: "nobody"), "loadgen");
            await target.Hive.Memory.PutAsync(MemoryPut.Namespace, Channel, Key(w), Payload.Json, "loadgen");
        }, cancellationToken);
        _prepared = workers;
    }

    public string Task(int worker) => target.Id("rt", worker);

    public string Agent(int worker) => target.Id("ra", worker);

    public string Key(int worker) => target.Id("rk", worker);
}

/// <summary>Reads one kind of entity, each worker its own; compared with the no-op call.</summary>
internal sealed class Read(string name, ReadTargets targets, Func<int, Task> read) : IScenario
{
    public string Name => name;

    public string? Baseline => NoopCall.ScenarioName;

    public IReadOnlyList<string> Steps => [];

    public Task PrepareAsync(int workers, CancellationToken cancellationToken) => targets.PrepareAsync(workers, cancellationToken);

    public Task RunOnceAsync(int worker, long iteration, StepClock steps) => read(worker);
}
