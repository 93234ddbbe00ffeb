using Hive.Agents;
using Hive.Client;

namespace Hive.LoadGen;

/// <summary>The hive under load as the scenarios share it: the client, this run's id prefix, and the heartbeat pacer.</summary>
internal sealed class HiveTarget(HiveClient hive, HiveCalls calls, IClusterClient cluster, string run, HeartbeatPacer pacer)
{
    /// <summary>How many set-up calls run at once; set-up is not measured, only made short.</summary>
    public const int SetUpParallelism = 200;

    public HiveClient Hive => hive;

    public HiveCalls Calls => calls;

    public IClusterClient Cluster => cluster;

    public HeartbeatPacer Pacer => pacer;

    /// <summary>An id unique to this run, so runs against the same database never meet each other's entities.</summary>
    public string Id(string kind, long number) => $"{run}-{kind}{number}";

    public string RunPrefix => run + "-";

    /// <summary>
    /// Registers the agents, sends each its first heartbeat (registered → ready is a durable transition, not the
    /// in-memory beat the heartbeat scenario measures) and hands them to the pacer. Returns their pacer indexes.
    /// </summary>
    public async Task<int[]> RegisterAsync(IReadOnlyList<string> agentIds, string role, CancellationToken cancellationToken, IProgress<int>? progress = null)
    {
        var indexes = new int[agentIds.Count];
        var done = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, agentIds.Count),
            new ParallelOptions { MaxDegreeOfParallelism = SetUpParallelism, CancellationToken = cancellationToken },
            async (i, _) =>
            {
                var id = agentIds[i];
                await hive.Agents.RegisterAsync(new AgentSpec(id, id, [role]));
                await hive.Agents.HeartbeatAsync(id, 0);
                indexes[i] = pacer.Add(id);
                progress?.Report(Interlocked.Increment(ref done));
            });
        return indexes;
    }

    /// <summary>Runs <paramref name="action"/> for each number in [from, to) with the set-up parallelism.</summary>
    public static Task ForEachAsync(int from, int to, Func<int, Task> action, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(Enumerable.Range(from, Math.Max(0, to - from)),
            new ParallelOptions { MaxDegreeOfParallelism = SetUpParallelism, CancellationToken = cancellationToken },
            async (i, _) => await action(i));
}
