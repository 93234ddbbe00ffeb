using Hive.Ports;

namespace Hive.Escalations;

/// <summary>Maps an escalation to its catalog row: type is the current severity, owner the primary agent, wake-up the acknowledgement deadline.</summary>
internal static class EscalationCatalogRow
{
    /// <param name="noticeWake">When a pending tier notice should wake the escalation if its activation is lost.</param>
    public static CatalogEntry From(EscalationState state, long version, DateTimeOffset? noticeWake) => new(
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
        Earliest(EscalationLifecycle.AwaitsAcknowledgement(state.Status) ? state.AcknowledgeBy : null, state.NoticeToSend is null ? null : noticeWake));

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a < b ? a : b;

    public static EscalationSummary ToSummary(CatalogEntry row) => new(
        row.Id, row.Title, Enum.Parse<EscalationStatus>(row.Status), Enum.Parse<Severity>(row.Type!), row.Owner, row.CreatedAt, row.UpdatedAt);
}
