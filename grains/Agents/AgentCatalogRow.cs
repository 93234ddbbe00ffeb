using Hive.Ports;

namespace Hive.Agents;

/// <summary>
/// Maps an agent's state to its catalog row. The row's owner is the task the agent holds; its host is the silo
/// checking its heartbeats in memory, or null when nobody is (not watched, or parked with a wake-up time); its wake time
/// is when the deadline sweeper must wake the agent (a parked deadline, or an alert still in its outbox).
/// </summary>
internal static class AgentCatalogRow
{
    public static CatalogEntry From(AgentState state, long version, string? host, DateTimeOffset? wakeAt) => new(
        EntityKind.Agent,
        state.Spec!.Id,
        version,
        state.Status.ToString(),
        state.Spec.DisplayName,
        Type: null,
        Owner: state.CurrentTaskId,
        Tags: state.Spec.Roles,
        Scope: null,
        Priority: 0,
        state.RegisteredAt,
        state.UpdatedAt,
        wakeAt,
        host);

    public static AgentSummary ToSummary(CatalogEntry row) => new(
        row.Id, row.Title, Enum.Parse<AgentStatus>(row.Status), row.Tags, row.Owner, row.UpdatedAt);
}
