using System.Text.Json;

namespace Hive.Swarm;

/// <summary>Seeds the week-1 swarm into a hive and runs its four sample agents until every task is completed.</summary>
public sealed class DemoSwarm(HiveClient hive, SwarmPlan plan, Action<string> say)
{
    public SwarmStats Stats { get; } = new();

    /// <summary>Creates the tasks (prerequisites first) and the namespace's starting memory. Safe to run twice.</summary>
    public async Task SeedAsync()
    {
        foreach (var task in plan.Tasks) await hive.Tasks.CreateAsync(task.Spec, "demo");
        foreach (var channel in SwarmPlan.Channels)
        {
            await hive.Memory.PutAsync(plan.Namespace, channel, "channel_status",
                JsonSerializer.Serialize(new { channel, status = "active", swarm = "phase4" }), "demo");
        }
        say($"seeded {plan.Tasks.Count} tasks and {SwarmPlan.Channels.Length} memory channels in namespace {plan.Namespace}");
    }

    /// <summary>Runs the agents. Completes when every task is completed, or throws when <paramref name="within"/> runs out.</summary>
    public async Task<SwarmSummary> RunUntilDoneAsync(TimeSpan pace, TimeSpan within, CancellationToken cancellationToken = default)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var agents = plan.Members.Select(m => new SwarmAgent(hive, plan, m, Stats, say, pace).RunAsync(stop.Token)).ToArray();
        var deadline = DateTime.UtcNow + within;
        try
        {
            while (!await AllCompletedAsync())
            {
                if (DateTime.UtcNow > deadline || agents.Any(a => a.IsFaulted))
                {
                    await stop.CancelAsync();
                    await Task.WhenAll(agents);
                    throw new TimeoutException($"The swarm did not complete its {plan.Tasks.Count} tasks within {within}.");
                }
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
            }
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(agents.Select(a => a.ContinueWith(_ => { }, TaskScheduler.Default)));
        }
        return await SwarmSummary.ReadAsync(hive, plan, Stats);
    }

    /// <summary>Keeps the agents heartbeating (and working any new task for their roles) until cancelled.</summary>
    public Task KeepRunningAsync(TimeSpan pace, CancellationToken stop) =>
        Task.WhenAll(plan.Members.Select(m => new SwarmAgent(hive, plan, m, Stats, say, pace).RunAsync(stop)));

    private async Task<bool> AllCompletedAsync()
    {
        var tasks = await Task.WhenAll(plan.Tasks.Select(t => hive.Tasks.GetAsync(t.Spec.Id)));
        return tasks.All(t => t.Status == HiveTaskStatus.Completed);
    }
}
