using Hive.Tasks;

namespace Hive.LoadGen.Scenarios;

/// <summary>
/// One task from birth to completion per operation: create (named for the worker's agent) → claim → progress →
/// complete; each transition is durable and audited. Ops/s is tasks/s; each step is also reported on its own.
/// </summary>
internal sealed class TaskLifecycle(HiveTarget target) : IScenario
{
    private const string Role = "bench-worker";
    private int _registered;
    private long _next;

    public string Name => "task-lifecycle";

    public string? Baseline => RawUpsert.ScenarioName;

    public IReadOnlyList<string> Steps => ["create", "claim", "progress", "complete"];

    public async Task PrepareAsync(int workers, CancellationToken cancellationToken)
    {
        var missing = Enumerable.Range(_registered, Math.Max(0, workers - _registered)).Select(Agent).ToArray();
        await target.RegisterAsync(missing, Role, cancellationToken);
        _registered = Math.Max(_registered, workers);
    }

    public async Task RunOnceAsync(int worker, long iteration, StepClock steps)
    {
        var agent = Agent(worker);
        var taskId = target.Id("task", Interlocked.Increment(ref _next));
        var tasks = target.Hive.Tasks;
        await tasks.CreateAsync(new TaskSpec(taskId, "Benchmark task", "bench", PrimaryAgent: agent), "loadgen");
        steps.Lap();
        await target.Hive.Agents.ClaimAsync(agent, taskId);
        steps.Lap();
        try
        {
            await tasks.ReportProgressAsync(taskId, agent, 50);
            steps.Lap();
            await tasks.CompleteAsync(taskId, agent);
            steps.Lap();
        }
        catch
        {
            // The agent still holds the task and could claim no other: release it, then report the failure.
            await tasks.CancelAsync(taskId, "loadgen", "benchmark step failed");
            throw;
        }
    }

    private string Agent(int worker) => target.Id("tw", worker);
}
