using Microsoft.Extensions.Hosting;
using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace Hive.Tests.Failover;

/// <summary>
/// Integration (three real silo processes, real PostgreSQL and Redis): deadlines kept by grains that lived on a
/// silo killed with SIGKILL still fire on the survivors — heartbeat checks, task time budgets, escalation
/// acknowledgement deadlines. Nothing calls those grains after the kill, so only the hive itself can notice.
/// </summary>
[Trait("Category", "Failover")]
public sealed class DeadSiloDeadlineTests(ITestOutputHelper output)
{
    private const int PerKind = 6;
    private static readonly TimeSpan StartWithin = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan FireWithin = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Deadlines_of_grains_on_a_killed_silo_fire_on_the_survivors()
    {
        await using var database = await TestDatabase.CreateAsync();
        var cluster = DurableSilo.NewClusterId("deadlines");
        var environment = Settings(database.ConnectionString, cluster);
        var silos = Enumerable.Range(0, 3).Select(_ => SiloProcess.Start([], environment)).ToList();
        try
        {
            foreach (var silo in silos) await silo.WaitForOutputAsync("Hive is running", StartWithin);
            using var client = await DurableSilo.StartClientAsync(cluster);
            var hive = client.Services.GetRequiredService<HiveClient>();
            var grains = client.Services.GetRequiredService<IClusterClient>();

            var victim = silos[1];
            var victimAddress = (await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Keys.Single(a => a.Endpoint.Port == victim.SiloPort);
            var run = Guid.NewGuid().ToString("N")[..6];
            var agents = Enumerable.Range(0, PerKind).Select(i => $"dl-{run}-agent-{i}").ToArray();
            var tasks = Enumerable.Range(0, PerKind).Select(i => $"dl-{run}-task-{i}").ToArray();
            var escalations = Enumerable.Range(0, PerKind).Select(i => $"dl-{run}-esc-{i}").ToArray();
            var registered = 0;
            // Heartbeats go on until the kill, so no agent's deadline passes before it.
            using var beating = new CancellationTokenSource();
            var heartbeats = KeepBeatingAsync(hive, () => agents[..Volatile.Read(ref registered)], beating.Token);
            var firstDeadlineSet = DateTime.UtcNow;
            for (var i = 0; i < PerKind; i++)
            {
                // Every other entity is placed on the victim (a placement hint Orleans' default director honours), the rest where Orleans likes.
                if (i % 2 == 0) RequestContext.Set(IPlacementDirector.PlacementHintKey, victimAddress);
                await hive.Agents.RegisterAsync(new AgentSpec(agents[i], $"Agent {i}", ["worker"]));
                await hive.Agents.HeartbeatAsync(agents[i]);
                Volatile.Write(ref registered, i + 1);
                await hive.Tasks.CreateAsync(new TaskSpec(tasks[i], $"Task {i}", "chore", PrimaryAgent: agents[i], TimeBudget: Budget), actor: "planner");
                await hive.Agents.ClaimAsync(agents[i], tasks[i]);
                await hive.Escalations.RaiseAsync(new EscalationSpec(escalations[i], Severity.Low, $"Escalation {i}", "Waits for an acknowledgement."), actor: "planner");
                RequestContext.Clear();
            }
            var onVictim = Kinds(await HostsAsync(grains), victim, grains, agents, tasks, escalations);
            output.WriteLine($"killing the silo on port {victim.SiloPort}: it hosts {onVictim[0]} agents, {onVictim[1]} tasks, {onVictim[2]} escalations of {PerKind} each");
            Assert.True(onVictim.All(k => k > 0), "the victim must host grains of every kind, or the kill proves nothing");

            await beating.CancelAsync();
            await heartbeats;
            await victim.KillAsync();
            var killedAt = DateTime.UtcNow;
            // Otherwise a deadline could have fired on the victim before it died, and the test would prove nothing.
            Assert.True(killedAt - firstDeadlineSet < Budget, $"setting up took {killedAt - firstDeadlineSet}, longer than the {Budget} deadlines");

            await UntilAudited(hive, agents.Select(a => "agent/" + a), "missed-heartbeat");
            output.WriteLine($"every agent was marked unresponsive {(DateTime.UtcNow - killedAt).TotalSeconds:0.0} s after the kill");
            await UntilAudited(hive, tasks.Select(t => "task/" + t), "overdue");
            output.WriteLine($"every task was marked overdue {(DateTime.UtcNow - killedAt).TotalSeconds:0.0} s after the kill");
            await UntilAudited(hive, escalations.Select(e => "escalation/" + e), "deadline-missed");
            output.WriteLine($"every escalation missed its deadline {(DateTime.UtcNow - killedAt).TotalSeconds:0.0} s after the kill");
            await client.StopAsync();
        }
        finally
        {
            foreach (var silo in silos) await silo.DisposeAsync();
        }
    }

    /// <summary>Short deadlines, and health signals off: a loaded test machine must not degrade the hive mid-test.</summary>
    private static Dictionary<string, string> Settings(string postgres, string cluster)
    {
        var settings = DurableSilo.Environment(postgres, cluster);
        settings["Hive__Timing__HeartbeatInterval"] = "00:00:02";
        settings["Hive__Timing__MissedHeartbeatsAllowed"] = "3";
        settings["Hive__Timing__CheckInterval"] = "00:00:01";
        settings["Hive__Timing__SweepInterval"] = "00:00:01";
        settings["Hive__Escalations__LowAcknowledgeWithin"] = Budget.ToString();
        settings["Hive__Health__ReportSiloSignals"] = "false";
        foreach (var level in new[] { "Reduced", "Essential", "Emergency" }) settings[$"Hive__Health__UnresponsiveAgentShare__{level}"] = "2";
        return settings;
    }

    private static async Task KeepBeatingAsync(HiveClient hive, Func<string[]> agents, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            await Task.WhenAll(agents().Select(a => hive.Agents.HeartbeatAsync(a)));
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Where every activation lives, as Orleans' management grain reports it.</summary>
    private static async Task<Dictionary<GrainId, SiloAddress>> HostsAsync(IClusterClient grains)
    {
        var statistics = await grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        return statistics.GroupBy(s => s.GrainId).ToDictionary(g => g.Key, g => g.First().SiloAddress);
    }

    /// <summary>How many of the agents, tasks and escalations live on <paramref name="silo"/>.</summary>
    private static int[] Kinds(Dictionary<GrainId, SiloAddress> hosts, SiloProcess silo, IClusterClient grains, string[] agents, string[] tasks, string[] escalations)
    {
        int On(IEnumerable<IAddressable> refs) => refs.Count(r => hosts.TryGetValue(r.GetGrainId(), out var host) && host.Endpoint.Port == silo.SiloPort);
        return
        [
            On(agents.Select(a => grains.GetGrain<IAgentGrain>(GrainKeys.Agent(a)))),
            On(tasks.Select(t => grains.GetGrain<ITaskGrain>(GrainKeys.Task(t)))),
            On(escalations.Select(e => grains.GetGrain<IEscalationGrain>(GrainKeys.Escalation(e)))),
        ];
    }

    /// <summary>Waits until each entity's audit trail has <paramref name="action"/>. Audit reads never activate the entity's grain.</summary>
    private static async Task UntilAudited(HiveClient hive, IEnumerable<string> entities, string action)
    {
        var waiting = entities.ToHashSet(StringComparer.Ordinal);
        var deadline = DateTime.UtcNow + FireWithin;
        while (waiting.Count > 0)
        {
            foreach (var entity in waiting.ToList())
            {
                try
                {
                    var page = await hive.Audit.QueryAsync(new AuditQuery(Entity: entity, PageSize: 50));
                    if (page.Items.Any(e => e.Action == action)) waiting.Remove(entity);
                }
                catch (OrleansException)
                {
                    // Until membership declares the victim dead, a call may still be routed to it; ask again.
                }
            }
            if (waiting.Count == 0) return;
            if (DateTime.UtcNow > deadline) Assert.Fail($"No '{action}' within {FireWithin} for: {string.Join(", ", waiting)}");
            await Task.Delay(500);
        }
    }
}
