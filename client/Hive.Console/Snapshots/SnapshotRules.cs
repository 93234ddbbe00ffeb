using Hive.Console.Commands;

namespace Hive.Console.Snapshots;

/// <summary>
/// Everything about a snapshot that can be checked without reading the target hive's entities, with the hive's own rules
/// and the limits it is configured with: specs, ids, values and times to live, who holds which task, escalation lifecycles
/// and the notes each step of their replay sends. Returns the tasks prerequisites first, the order they are restored in.
/// </summary>
internal static class SnapshotRules
{
    /// <param name="snapshot">The snapshot to import.</param>
    /// <param name="limits">The target hive's configured limits.</param>
    /// <param name="now">When the import writes: values expired by then are skipped, the rest get the time to live they have left.</param>
    public static IReadOnlyList<TaskRecord> Check(HiveSnapshot snapshot, ConfiguredLimits limits, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(snapshot);
        Unique(snapshot.Agents.Select(a => a.Spec.Id), "agent");
        Unique(snapshot.Tasks.Select(t => t.Spec.Id), "task");
        Unique(snapshot.Escalations.Select(e => e.Spec.Id), "escalation");
        Unique(snapshot.Memory.Select(m => m.Path), "memory key");
        var tasks = snapshot.Tasks.ToDictionary(t => t.Spec.Id, StringComparer.Ordinal);
        foreach (var agent in snapshot.Agents) CheckAgent(agent, tasks);
        foreach (var task in snapshot.Tasks.Where(t => TaskLifecycle.IsHeld(t.Status)))
        {
            var holder = snapshot.Agents.FirstOrDefault(a => a.Spec.Id == task.AssignedAgent);
            if (holder is not null && holder.CurrentTaskId != task.Spec.Id)
                throw Invalid($"task/{task.Spec.Id}", $"it is {task.Status} by agent '{task.AssignedAgent}', but that agent holds '{holder.CurrentTaskId ?? "nothing"}'");
        }
        foreach (var memory in snapshot.Memory)
        {
            var entity = "memory/" + memory.Path;
            HiveIds.Require(memory.Namespace, "Namespace");
            HiveIds.Require(memory.Channel, "Channel");
            HiveIds.Require(memory.Key, "Key");
            HiveIds.Require(memory.Author, "Author");
            MemoryValueRules.RequireValue(memory.Value, limits.MaxMemoryValueBytes, entity);
            if (!memory.ExpiredAt(now)) MemoryValueRules.RequireTtl(memory.TimeToLiveAt(now), entity);
        }
        foreach (var escalation in snapshot.Escalations) CheckEscalation(escalation);
        var ordered = TaskFile.InDependencyOrder([.. snapshot.Tasks.Select(t => t.Spec)]);
        return [.. ordered.Select(spec => tasks[spec.Id] with { Spec = spec })];
    }

    private static void CheckAgent(AgentRecord agent, Dictionary<string, TaskRecord> tasks)
    {
        var id = AgentSpecRules.Validate(agent.Spec, agent.Spec.Id).Id;
        if (!Enum.IsDefined(agent.Status)) throw Invalid($"agent/{id}", $"{(int)agent.Status} is not an agent status");
        if (agent.CurrentTaskId is { } taskId)
        {
            if (!tasks.TryGetValue(taskId, out var task) || !TaskLifecycle.IsHeld(task.Status) || task.AssignedAgent != id)
                throw Invalid($"agent/{id}", $"it holds task '{taskId}', which the snapshot does not show as held by it");
            if (agent.Status is AgentStatus.Offline) throw Invalid($"agent/{id}", "an offline agent cannot hold a task");
        }
        else if (agent.Status == AgentStatus.Busy || agent.Draining)
        {
            throw Invalid($"agent/{id}", $"it is {(agent.Draining ? "draining" : "busy")} but holds no task");
        }
        if (agent.Status == AgentStatus.Suspended)
            HiveText.Require(agent.SuspendReason, $"The snapshot's agent/{id} cannot be imported: its suspension reason", Limits.MaxTextLength, $"agent/{id}");
    }

    private static void CheckEscalation(EscalationRecord escalation)
    {
        var id = EscalationSpecRules.Validate(escalation.Spec, escalation.Spec.Id).Id;
        HiveIds.Require(escalation.RaisedBy, "Raised by");
        var entity = "escalation/" + id;
        if (!Enum.IsDefined(escalation.Status)) throw Invalid(entity, $"{(int)escalation.Status} is not an escalation status");
        if (escalation.Status is EscalationStatus.Resolved or EscalationStatus.Closed && string.IsNullOrWhiteSpace(escalation.Resolution))
            throw Invalid(entity, "a resolved or closed escalation needs its resolution");
        if (escalation.Status == EscalationStatus.Closed && string.IsNullOrWhiteSpace(escalation.PostMortem))
            throw Invalid(entity, "a closed escalation needs its post-mortem");
        if (escalation.Status == EscalationStatus.Mitigating && string.IsNullOrWhiteSpace(escalation.LastNote))
            throw Invalid(entity, "a mitigating escalation needs the note that started the mitigation");
        // Each note goes to the step of the replay that takes it, which holds it to the rule every escalation note keeps.
        (string Field, string? Note)[] notes = escalation.Status switch
        {
            EscalationStatus.Acknowledged => [("acknowledgement note", escalation.LastNote)],
            EscalationStatus.Mitigating => [("mitigation note", escalation.LastNote)],
            EscalationStatus.Resolved => [("resolution", escalation.Resolution)],
            EscalationStatus.Closed => [("resolution", escalation.Resolution), ("post-mortem", escalation.PostMortem)],
            _ => [],
        };
        foreach (var (field, note) in notes.Where(n => n.Note is not null))
            HiveText.Require(note, $"The snapshot's {entity} cannot be imported: its {field}", Limits.MaxTextLength, entity);
    }

    private static void Unique(IEnumerable<string> ids, string kind)
    {
        var twice = ids.GroupBy(id => id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) throw HiveException.Validation($"The snapshot lists {kind} '{twice.Key}' twice.");
    }

    private static HiveException Invalid(string entity, string rule) =>
        HiveException.Validation($"The snapshot's {entity} cannot be imported: {rule}.", entity);
}
