using Hive.Catalog;
using Hive.Escalations;

namespace Hive.Client;

/// <summary>Escalations: raise one with the template's fields, and carry it through acknowledged, mitigating, resolved and closed.</summary>
public sealed class HiveEscalations(IClusterClient cluster, HiveCalls calls)
{
    /// <summary>Raises an escalation; its acknowledgement deadline starts now. Raising an open one again changes nothing.</summary>
    public Task<EscalationInfo> RaiseAsync(EscalationSpec spec, string actor)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return calls.Run(() => Escalation(spec.Id).Raise(spec, actor), ("spec", spec));
    }

    public Task<EscalationInfo> GetAsync(string escalationId) => calls.Run(() => Escalation(escalationId).Get());

    public Task<EscalationInfo> AcknowledgeAsync(string escalationId, string actor, string? note = null) =>
        calls.Run(() => Escalation(escalationId).Acknowledge(actor, note), ("note", note));

    public Task<EscalationInfo> MitigateAsync(string escalationId, string actor, string note) => calls.Run(() => Escalation(escalationId).Mitigate(actor, note), ("note", note));

    public Task<EscalationInfo> ResolveAsync(string escalationId, string actor, string resolution) =>
        calls.Run(() => Escalation(escalationId).Resolve(actor, resolution), ("resolution", resolution));

    /// <summary>Closes a resolved escalation with its post-mortem.</summary>
    public Task<EscalationInfo> CloseAsync(string escalationId, string actor, string postMortem) => calls.Run(() => Escalation(escalationId).Close(actor, postMortem), ("post-mortem", postMortem));

    public Task<Page<EscalationSummary>> ListAsync(EscalationQuery? query = null) =>
        calls.Run(() => cluster.GetGrain<IHiveQueryGrain>(0).ListEscalations(query ?? new EscalationQuery()));

    private IEscalationGrain Escalation(string escalationId) =>
        cluster.GetGrain<IEscalationGrain>(GrainKeys.Escalation(HiveIds.Require(escalationId, "Escalation id")));
}
