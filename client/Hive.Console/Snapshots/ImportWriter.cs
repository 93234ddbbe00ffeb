namespace Hive.Console.Snapshots;

/// <summary>
/// Writes a checked plan: new agents are restored (liveness is not carried over: an agent is registered here, and not
/// watched for heartbeats until it sends its first, however long the import takes), existing ones re-register with the
/// snapshot's spec; tasks are restored prerequisites first, held ones handed to their agents; then agents are suspended or
/// drained as they were; memory values are written under their authors; escalations are raised by whoever raised them
/// and carried through acknowledged, mitigating, resolved and closed by the importing actor, with their notes.
/// </summary>
internal sealed class ImportWriter(HiveClient hive, string actor, DateTimeOffset now)
{
    private readonly List<string> _changed = [];
    private int _written;

    /// <summary>
    /// Writes the plan; returns what came back otherwise than the snapshot had it (a held task whose agent took other work
    /// while the import ran goes back to ready, say), one line each.
    /// </summary>
    public async Task<IReadOnlyList<string>> ApplyAsync(ImportPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        try
        {
            foreach (var agent in plan.NewAgents) await Step(hive.Agents.RestoreAsync(agent.Spec, actor));
            foreach (var agent in plan.UpdatedAgents) await Step(hive.Agents.RegisterAsync(agent.Spec));
            foreach (var task in plan.NewTasks) await RestoreAsync(task);
            foreach (var agent in plan.NewAgents) await SettleAsync(agent);
            foreach (var value in plan.Memory)
                await Step(hive.Memory.PutAsync(value.Namespace, value.Channel, value.Key, value.Value, value.Author, ttl: value.TimeToLiveAt(now)));
            foreach (var escalation in plan.NewEscalations) await ReplayAsync(escalation);
        }
        catch (HiveException e)
        {
            throw new HiveException(e.Code, $"{e.Message} The import stopped after {_written} of {plan.Writes} writes; "
                + "fix the cause and import again with --force to finish it.", e.Entity);
        }
        return _changed;
    }

    private async Task RestoreAsync(TaskRecord task)
    {
        var restored = await hive.Tasks.RestoreAsync(task.ToRestore(), actor);
        _written++;
        if (restored.Status != task.Status)
            _changed.Add($"task/{restored.Id} is {Output.Names.Of(restored.Status)} here, not {Output.Names.Of(task.Status)}: {restored.StatusReason}");
    }

    private async Task SettleAsync(AgentRecord agent)
    {
        if (agent.Status == AgentStatus.Suspended)
            await hive.Agents.SuspendAsync(agent.Spec.Id, actor, agent.SuspendReason);
        else if (agent.Status == AgentStatus.Offline || agent.Draining)
            await hive.Agents.DeregisterAsync(agent.Spec.Id, actor);
    }

    private async Task ReplayAsync(EscalationRecord e)
    {
        var id = e.Spec.Id;
        await Step(hive.Escalations.RaiseAsync(e.Spec, e.RaisedBy));
        switch (e.Status)
        {
            case EscalationStatus.Acknowledged:
                await hive.Escalations.AcknowledgeAsync(id, actor, e.LastNote);
                break;
            case EscalationStatus.Mitigating:
                await hive.Escalations.MitigateAsync(id, actor, e.LastNote!);
                break;
            case EscalationStatus.Resolved:
                await hive.Escalations.ResolveAsync(id, actor, e.Resolution!);
                break;
            case EscalationStatus.Closed:
                await hive.Escalations.ResolveAsync(id, actor, e.Resolution!);
                await hive.Escalations.CloseAsync(id, actor, e.PostMortem!);
                break;
        }
    }

    private async Task Step<T>(Task<T> write)
    {
        await write;
        _written++;
    }
}
