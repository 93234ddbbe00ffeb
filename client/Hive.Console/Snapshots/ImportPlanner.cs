namespace Hive.Console.Snapshots;

/// <summary>
/// Checks a snapshot against the target hive and decides what to write. Nothing is written here: a snapshot that breaks
/// a rule (the hive's own, with the limits the hive is configured with), or that would overwrite an existing entity
/// without <c>--force</c>, is refused whole.
/// </summary>
internal sealed class ImportPlanner(HiveClient hive, DateTimeOffset now)
{
    private const int MaxNamed = 10;

    public async Task<ImportPlan> PlanAsync(HiveSnapshot snapshot, bool force)
    {
        // The hive's own alerts (unresponsive agent, overdue task, service level, halt) live in a namespace only the hive
        // raises into, so replaying one would be refused half way; the target raises them itself while their cause holds.
        var alerts = snapshot.Escalations.Where(e => AlertKeys.IsReserved(e.Spec.Id)).Select(e => e.Spec.Id).ToList();
        snapshot = snapshot with { Escalations = [.. snapshot.Escalations.Where(e => !AlertKeys.IsReserved(e.Spec.Id))] };
        var ordered = SnapshotRules.Check(snapshot, await hive.GetLimitsAsync(), now);
        var agents = await Reads.AllAsync(snapshot.Agents, a => Try(() => hive.Agents.GetAsync(a.Spec.Id)));
        var tasks = await Reads.AllAsync(ordered, t => Try(() => hive.Tasks.GetAsync(t.Spec.Id)));
        var escalations = await Reads.AllAsync(snapshot.Escalations, e => Try(() => hive.Escalations.GetAsync(e.Spec.Id)));
        var memory = await Reads.AllAsync(snapshot.Memory, m => hive.Memory.GetAsync(m.Namespace, m.Channel, m.Key));
        var existing = snapshot.Agents.Where((_, i) => agents[i] is not null).Select(a => "agent/" + a.Spec.Id)
            .Concat(ordered.Where((_, i) => tasks[i] is not null).Select(t => "task/" + t.Spec.Id))
            .Concat(snapshot.Escalations.Where((_, i) => escalations[i] is not null).Select(e => "escalation/" + e.Spec.Id))
            .Concat(snapshot.Memory.Where((_, i) => memory[i] is not null).Select(m => "memory/" + m.Path))
            .ToList();
        if (existing.Count > 0 && !force)
        {
            throw HiveException.Conflict($"{existing.Count} entities of the snapshot already exist in this hive ({Name(existing)}), so nothing was imported. "
                + "Import into an empty hive, or pass --force to update agent specs and memory values and keep existing tasks and escalations.");
        }

        var existingTasks = ordered.Select((t, i) => (t.Spec.Id, Info: tasks[i])).Where(p => p.Info is not null).ToDictionary(p => p.Id, p => p.Info!);
        foreach (var task in ordered.Where(t => existingTasks.ContainsKey(t.Spec.Id)))
        {
            if (!TaskSpecRules.SameAs(TaskSpecRules.Validate(existingTasks[task.Spec.Id].Spec, task.Spec.Id), task.Spec))
                throw HiveException.Conflict($"Task '{task.Spec.Id}' exists here with a different spec, and a task's spec cannot be rewritten; nothing was imported.", "task/" + task.Spec.Id);
        }
        var newTasks = ordered.Where(t => !existingTasks.ContainsKey(t.Spec.Id)).ToList();
        await CheckRestoresAsync(snapshot, newTasks, existingTasks);
        await CheckApproversAsync(snapshot, newTasks);
        await CheckHoldersAsync(snapshot, newTasks, agents.Where(a => a is not null).ToDictionary(a => a!.Id, a => a!));

        var live = snapshot.Memory.Where(m => !m.ExpiredAt(now)).ToList();
        return new ImportPlan(
            [.. snapshot.Agents.Where((_, i) => agents[i] is null)],
            [.. snapshot.Agents.Where((_, i) => agents[i] is not null)],
            newTasks,
            [.. existingTasks.Keys],
            live,
            [.. snapshot.Memory.Except(live).Select(m => m.Path)],
            [.. snapshot.Escalations.Where((_, i) => escalations[i] is null)],
            [.. snapshot.Escalations.Where((_, i) => escalations[i] is not null).Select(e => e.Spec.Id)],
            alerts,
            existing);
    }

    /// <summary>Each new task must be a state its lifecycle could reach, with its prerequisites as they will stand when it is restored.</summary>
    private async Task CheckRestoresAsync(HiveSnapshot snapshot, List<TaskRecord> newTasks, Dictionary<string, TaskInfo> existingTasks)
    {
        var inSnapshot = snapshot.Tasks.ToDictionary(t => t.Spec.Id, t => existingTasks.TryGetValue(t.Spec.Id, out var here) ? here.Status : t.Status, StringComparer.Ordinal);
        var outside = newTasks.SelectMany(t => t.Spec.Prerequisites ?? []).Where(p => !inSnapshot.ContainsKey(p)).Distinct(StringComparer.Ordinal).ToList();
        var found = await Reads.AllAsync(outside, p => Try(() => hive.Tasks.GetAsync(p)));
        var missing = outside.Where((_, i) => found[i] is null).ToList();
        if (missing.Count > 0)
            throw HiveException.Validation($"The snapshot's tasks need prerequisite(s) that are neither in it nor in this hive: {Name(missing)}; nothing was imported.");
        var statuses = new Dictionary<string, HiveTaskStatus>(inSnapshot, StringComparer.Ordinal);
        foreach (var info in found) statuses[info!.Id] = info.Status;
        foreach (var task in newTasks)
        {
            TaskRestoreRules.Validate(task.ToRestore(), task.Spec, (task.Spec.Prerequisites ?? []).ToDictionary(p => p, p => statuses[p], StringComparer.Ordinal));
        }
    }

    /// <summary>
    /// Each restored approval must be one a live approval could have given, judged by the rule the hive applies to both:
    /// the approver's roles are those of its spec in the snapshot (the import registers it with that spec) or, for an
    /// agent the snapshot leaves out, those it has in this hive.
    /// </summary>
    private async Task CheckApproversAsync(HiveSnapshot snapshot, List<TaskRecord> newTasks)
    {
        var roles = snapshot.Agents.ToDictionary(a => a.Spec.Id, a => a.Spec.Roles, StringComparer.Ordinal);
        var outside = newTasks.SelectMany(t => t.Approvals ?? []).Select(a => a.AgentId).Where(id => !roles.ContainsKey(id))
            .Distinct(StringComparer.Ordinal).ToList();
        var found = await Reads.AllAsync(outside, id => Try(() => hive.Agents.GetAsync(id)));
        foreach (var info in found.Where(a => a is not null)) roles[info!.Id] = info.Spec.Roles;
        foreach (var task in newTasks)
        {
            foreach (var approval in task.Approvals ?? [])
            {
                if (!roles.TryGetValue(approval.AgentId, out var approverRoles))
                {
                    throw HiveException.Validation($"Task '{task.Spec.Id}' was approved by agent '{approval.AgentId}', which is neither in the snapshot "
                        + "nor in this hive; nothing was imported.", "task/" + task.Spec.Id);
                }
                ApprovalRules.RequireRestored(task.Spec.Id, task.Spec, task.AssignedAgent, approval, approverRoles);
            }
        }
    }

    /// <summary>A held task goes to its agent, which must exist (in the snapshot or here) and, when it exists here already, be free.</summary>
    private async Task CheckHoldersAsync(HiveSnapshot snapshot, List<TaskRecord> newTasks, Dictionary<string, AgentInfo> existingAgents)
    {
        foreach (var task in newTasks.Where(t => TaskLifecycle.IsHeld(t.Status)))
        {
            var agentId = task.AssignedAgent!;
            var agent = existingAgents.GetValueOrDefault(agentId);
            if (agent is null && snapshot.Agents.All(a => a.Spec.Id != agentId))
                agent = await Try(() => hive.Agents.GetAsync(agentId)) ?? throw HiveException.Validation(
                    $"Task '{task.Spec.Id}' is held by agent '{agentId}', which is neither in the snapshot nor in this hive; nothing was imported.", "task/" + task.Spec.Id);
            if (agent is not null && (agent.CurrentTaskId is not null || agent.Draining || agent.Status is not (AgentStatus.Registered or AgentStatus.Ready)))
                throw HiveException.Conflict($"Task '{task.Spec.Id}' is held by agent '{agentId}', which is {Output.Names.Of(agent.Status)} here and cannot take it; nothing was imported.", "agent/" + agentId);
        }
    }

    private static string Name(List<string> entities) =>
        string.Join(", ", entities.Take(MaxNamed)) + (entities.Count > MaxNamed ? $" and {entities.Count - MaxNamed} more" : "");

    private static async Task<T?> Try<T>(Func<Task<T>> read) where T : class
    {
        try
        {
            return await read();
        }
        catch (HiveException e) when (e.Code == HiveErrorCodes.NotFound)
        {
            return null;
        }
    }
}
