using Hive.Swarm;

namespace Hive.Tests.Cluster;

/// <summary>
/// The demo swarm keeps serving through an operator's halt (as the console tour in docs/console.md does it): its idle agents are
/// refused work while halted, wait, and carry on once resumed. A halt is hive-wide, hence the health tests' own hive.
/// </summary>
[Trait("Category", "Cluster")]
[Collection(HealthClusterCollection.Name)]
public sealed class DemoSwarmHaltTests(HealthClusterFixture hive) : IAsyncLifetime
{
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(20);

    public Task InitializeAsync() => hive.RestoreAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Idle_agents_wait_out_a_halt_and_keep_heartbeating_after_resume()
    {
        var plan = SwarmPlan.Week1("-" + HiveClusterFixture.NewId("s")[2..], 1);
        var lines = new List<string>();
        var swarm = new DemoSwarm(hive.Hive, plan, line => { lock (lines) lines.Add(line); });
        await swarm.SeedAsync();
        await swarm.RunUntilDoneAsync(Pace, TimeSpan.FromMinutes(2));
        using var stop = new CancellationTokenSource();
        var running = swarm.KeepRunningAsync(Pace, stop.Token);
        try
        {
            await hive.UntilEverySiloEnforces(await hive.Health.Halt(HealthClusterFixture.Operator, "swarm halt test"));
            await HiveClusterFixture.Eventually(() => Task.FromResult(HaltNotices(lines) == plan.Members.Count), "every agent was refused work once");
            await Task.Delay(Pace * 5);
            Assert.Equal(plan.Members.Count, HaltNotices(lines));
            Assert.False(running.IsCompleted, "an agent's loop ended during the halt");

            await hive.UntilEverySiloEnforces(await hive.Health.Resume(HealthClusterFixture.Operator));
            hive.Advance(TimeSpan.FromSeconds(1));
            var after = hive.Time.GetUtcNow();
            foreach (var member in plan.Members)
            {
                await HiveClusterFixture.Eventually(async () => (await hive.Hive.Agents.GetAsync(member.Id)).LastHeartbeat >= after,
                    $"{member.Id} heartbeats after the resume");
            }
            await stop.CancelAsync();
            await running;
        }
        finally
        {
            await stop.CancelAsync();
            await running.ContinueWith(_ => { }, TaskScheduler.Default);
            await hive.RestoreAsync();
        }
    }

    private static int HaltNotices(List<string> lines)
    {
        lock (lines) return lines.Count(l => l.Contains("halted, waiting for the hive to resume", StringComparison.Ordinal));
    }
}
