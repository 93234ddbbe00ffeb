namespace Hive.LoadGen.Scenarios;

/// <summary>
/// Heartbeats over a large registered fleet: the workers beat the agents in turn as fast as they can while the pacer
/// keeps every other agent within its heartbeat interval, so the fleet stays alive whatever the concurrency.
/// </summary>
internal sealed class Heartbeats(HiveTarget target, int agents) : IScenario
{
    private int[] _fleet = [];
    private long _cursor;

    public string Name => "heartbeat";

    public string? Baseline => NoopCall.ScenarioName;

    public IReadOnlyList<string> Steps => [];

    public int Agents => agents;

    public async Task PrepareAsync(int workers, CancellationToken cancellationToken)
    {
        if (_fleet.Length > 0) return;
        var ids = Enumerable.Range(0, agents).Select(i => target.Id("hb", i)).ToArray();
        var step = Math.Max(1, agents / 10);
        var progress = new Progress<int>(done =>
        {
            if (done % step == 0) Console.Error.WriteLine($"  heartbeat fleet: {done}/{agents} agents registered");
        });
        _fleet = await target.RegisterAsync(ids, "bench-fleet", cancellationToken, progress);
        // Registration took a while and nothing was measured yet: gaps from now on are the ones that count.
        target.Pacer.ResetMaxGap();
    }

    public Task RunOnceAsync(int worker, long iteration, StepClock steps) =>
        target.Pacer.BeatAsync(_fleet[(int)(Interlocked.Increment(ref _cursor) % _fleet.Length)]);
}
