using Hive.Agents;
using Hive.Escalations;
using Hive.Memory;
using Hive.Ports;
using Hive.Tasks;

namespace Hive.Deadlines;

/// <summary>How the sweeper wakes the grain behind a catalog row, one line per kind of entity: the kind picks the grain type behind the key.</summary>
internal static class WakeTargets
{
    public static Task Wake(IGrainFactory grains, EntityKind kind, string id) => kind switch
    {
        EntityKind.Agent => grains.GetGrain<IAgentGrain>(GrainKeys.Agent(id)).AsReference<IWakeableGrain>().Wake(),
        EntityKind.Task => grains.GetGrain<ITaskGrain>(GrainKeys.Task(id)).AsReference<IWakeableGrain>().Wake(),
        EntityKind.Escalation => grains.GetGrain<IEscalationGrain>(GrainKeys.Escalation(id)).AsReference<IWakeableGrain>().Wake(),
        EntityKind.MemoryKey => grains.GetGrain<IMemoryKeyGrain>(MemoryPath.Parse(id).GrainKey).AsReference<IWakeableGrain>().Wake(),
        _ => Task.CompletedTask,
    };
}
