using Hive.Ports;
using Microsoft.Extensions.Options;

namespace Hive.Escalations;

/// <summary>
/// Turns alerts the hive raises on its own into escalations: one escalation per alert key, supported by the
/// agents of the configured responder role, resolved automatically with a note when the cause clears.
/// </summary>
public sealed class EscalationAlertSink(IGrainFactory grains, IEntityCatalog catalog, IOptions<EscalationOptions> options) : IAlertSink
{
    public async Task RaiseAsync(HiveAlert alert, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var responders = await LiveRespondersAsync(cancellationToken);
        var spec = new EscalationSpec(
            AlertKeys.EscalationIdFor(alert.Key),
            Enum.TryParse<Severity>(alert.Severity, ignoreCase: true, out var severity) ? severity : Severity.High,
            alert.Title,
            alert.Description,
            SupportingAgents: responders,
            Impact: ImpactOf(alert.Kind),
            ProposedResolution: ResolutionOf(alert.Kind),
            CausedBy: alert.Entity);
        await grains.GetGrain<IEscalationGrain>(GrainKeys.Escalation(spec.Id)).Raise(spec, HiveStorage.SystemActor);
    }

    public async Task ClearAsync(string key, string note, CancellationToken cancellationToken = default)
    {
        var escalation = grains.GetGrain<IEscalationGrain>(GrainKeys.Escalation(AlertKeys.EscalationIdFor(key)));
        EscalationInfo current;
        try
        {
            current = await escalation.Get();
        }
        catch (HiveException e) when (e.Code == HiveErrorCodes.NotFound)
        {
            return;
        }
        if (EscalationLifecycle.Transition(current.Status, EscalationTrigger.Resolve).Allowed)
            await escalation.Resolve(HiveStorage.SystemActor, "Resolved automatically: " + note);
    }

    /// <summary>
    /// Up to <see cref="Limits.MaxSupportingAgents"/> responders that are not offline. Deregistered agents keep
    /// their catalog rows, so pages are read until enough live ones are found rather than filtering one page.
    /// </summary>
    private async Task<string[]> LiveRespondersAsync(CancellationToken cancellationToken)
    {
        var live = new List<string>(Limits.MaxSupportingAgents);
        for (string? after = null; live.Count < Limits.MaxSupportingAgents;)
        {
            var page = await catalog.QueryAsync(new CatalogQuery(EntityKind.Agent, Tag: options.Value.AlertResponderRole,
                PageSize: Limits.MaxSupportingAgents, AfterId: after), cancellationToken);
            live.AddRange(page.Where(r => r.Status != "Offline").Select(r => r.Id).Take(Limits.MaxSupportingAgents - live.Count));
            if (page.Count < Limits.MaxSupportingAgents) break;
            after = page[^1].Id;
        }
        return live.ToArray();
    }

    private static string ImpactOf(AlertKind kind) => kind switch
    {
        AlertKind.AgentUnresponsive => "The agent takes no new work; the task it holds is stalled until it returns or is reassigned.",
        AlertKind.TaskOverdue => "The task is past its time budget; tasks that depend on it wait longer.",
        AlertKind.ServiceDegraded => "Callers get 'degraded' errors for work the current service level does not accept.",
        AlertKind.HiveHalted => "Every task and memory change is rejected until the hive is resumed.",
        _ => "See the description.",
    };

    private static string ResolutionOf(AlertKind kind) => kind switch
    {
        AlertKind.AgentUnresponsive => "Restore the agent's process or connectivity; if it cannot return, suspend it and cancel or retry its task.",
        AlertKind.TaskOverdue => "Check with the assigned agent; extend the work, or cancel and retry the task.",
        AlertKind.ServiceDegraded => "Fix the signal named in the description; the hive recovers one level at a time by itself.",
        AlertKind.HiveHalted => "Resolve the reason given, then resume the hive.",
        _ => "Investigate the cause.",
    };
}
