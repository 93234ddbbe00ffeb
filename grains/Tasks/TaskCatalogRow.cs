using Hive.Ports;

namespace Hive.Tasks;

/// <summary>Maps a task's state to its catalog row. The row's owner is the assigned agent; ready rows carry their queue.</summary>
internal static class TaskCatalogRow
{
    public static string QueueKeyOf(TaskSpec spec) =>
        spec.PrimaryAgent is { } agent ? GrainKeys.AgentQueue(agent) : GrainKeys.RoleQueue(spec.PrimaryRole!);

    public static CatalogEntry From(TaskState state, long version, DateTimeOffset? wakeAt) => new(
        EntityKind.Task,
        state.Spec!.Id,
        version,
        state.Status.ToString(),
        state.Spec.Title,
        state.Spec.Type,
        state.AssignedAgent,
        Tags: [],
        QueueKeyOf(state.Spec),
        state.Spec.Priority,
        state.CreatedAt,
        state.UpdatedAt,
        wakeAt);

    public static TaskSummary ToSummary(CatalogEntry row) => new(
        row.Id, row.Title, row.Type!, Enum.Parse<HiveTaskStatus>(row.Status), row.Priority, row.Owner, row.CreatedAt, row.UpdatedAt);
}
