using Hive.Agents;
using Hive.Escalations;
using Hive.Memory;
using Hive.Ports;
using Hive.Tasks;

namespace Hive.Retention;

/// <summary>Which entities finish, in which catalog statuses, and the grain behind each row, one line per kind.</summary>
internal static class PurgeTargets
{
    /// <summary>The statuses a finished entity's catalog row shows; the grain checks its own state again before it goes.</summary>
    public static readonly IReadOnlyList<(EntityKind Kind, string[] Statuses)> FinishedStatuses =
    [
        (EntityKind.Task, [nameof(HiveTaskStatus.Completed), nameof(HiveTaskStatus.Cancelled)]),
        (EntityKind.Escalation, [nameof(EscalationStatus.Closed)]),
        (EntityKind.MemoryKey, [MemoryKeyCatalogRow.Deleted, MemoryKeyCatalogRow.Expired]),
        (EntityKind.Agent, [nameof(AgentStatus.Offline)]),
    ];

    public static IPurgeable Of(IGrainFactory grains, EntityKind kind, string id) => kind switch
    {
        EntityKind.Agent => grains.GetGrain<IAgentGrain>(GrainKeys.Agent(id)).AsReference<IPurgeable>(),
        EntityKind.Task => grains.GetGrain<ITaskGrain>(GrainKeys.Task(id)).AsReference<IPurgeable>(),
        EntityKind.Escalation => grains.GetGrain<IEscalationGrain>(GrainKeys.Escalation(id)).AsReference<IPurgeable>(),
        EntityKind.MemoryKey => grains.GetGrain<IMemoryKeyGrain>(MemoryPath.Parse(id).GrainKey).AsReference<IPurgeable>(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Only agents, tasks, escalations and memory keys are purged."),
    };
}
