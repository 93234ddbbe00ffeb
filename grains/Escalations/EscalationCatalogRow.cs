using Hive.Ports;

namespace Hive.Escalations;

/// <summary>Maps an escalation to its catalog row: type is the current severity, owner the primary agent, wake-up the acknowledgement deadline.</summary>
internal static class EscalationCatalogRow
{
    public static CatalogEntry From(EscalationState state, long version) => new(
        EntityKind.Escalation,
        state.Spec!.Id,
        version,
        state.Status.ToString(),
        state.Spec.Title,
        state.Severity.ToString(),
        state.Spec.PrimaryAgent,
        Tags: state.Spec.SupportingAgents!,
        Scope: null,
        Priority: (int)state.Severity,
        state.RaisedAt,
        state.UpdatedAt,
        EscalationLifecycle.AwaitsAcknowledgement(state.Status) ? state.AcknowledgeBy : null);

    public static EscalationSummary ToSummary(CatalogEntry row) => new(
        row.Id, row.Title, Enum.Parse<EscalationStatus>(row.Status), Enum.Parse<Severity>(row.Type!), row.Owner, row.CreatedAt, row.UpdatedAt);
}
