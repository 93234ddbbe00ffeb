using Hive.Agents;
using Hive.Audit;

namespace Hive.Tasks;

/// <summary>Restoring a task from a snapshot of another hive; see <see cref="ITaskGrain.Restore"/>.</summary>
public sealed partial class TaskGrain
{
    public async Task<TaskInfo> Restore(TaskRestore restore, string actor)
    {
        ArgumentNullException.ThrowIfNull(restore);
        HiveIds.Require(actor, "Actor");
        var valid = TaskSpecRules.Validate(restore.Spec, TaskId);
        if (State.Spec is not null)
            throw HiveException.Conflict($"Task '{TaskId}' already exists; only a task that does not exist can be restored.", Entity, State.Version);
        var prerequisites = valid.Prerequisites!.Select(id => (Id: id, Grain: TaskOf(id))).ToArray();
        var found = await Task.WhenAll(prerequisites.Select(p => StatusOfAsync(p.Grain)));
        var unknown = prerequisites.Where((_, i) => found[i] is null).Select(p => p.Id).ToArray();
        if (unknown.Length > 0)
            throw HiveException.Validation($"Task '{TaskId}' names unknown prerequisite(s): {string.Join(", ", unknown)}. Restore them first.", Entity);
        TaskRestoreRules.Validate(restore, valid, prerequisites.Select((p, i) => (p.Id, found[i]!.Value)).ToDictionary(p => p.Id, p => p.Value));
        await RequireApproversAsync(restore, valid);
        var held = TaskLifecycle.IsHeld(restore.Status);
        if (held) await RequireHolderAsync(valid, restore.AssignedAgent!);

        var statuses = await Task.WhenAll(prerequisites.Select(p => DependencyOf(p.Id).AddDependent(TaskId)));
        State.Spec = valid;
        State.Prerequisites = prerequisites.Select((p, i) => (p.Id, statuses[i])).ToDictionary(p => p.Id, p => p.Item2);
        // The one status not asked of the lifecycle: a restore has no transition to take. It carries over the status the task
        // reached in its source hive, which TaskRestoreRules checked above is one the lifecycle could have reached here, given
        // where the prerequisites stand now; the task's own transitions take over from it.
        State.Status = restore.Status;
        State.AssignedAgent = restore.AssignedAgent;
        State.Attempts = restore.Attempts;
        State.ProgressPercent = restore.ProgressPercent;
        State.ProgressNote = restore.ProgressNote;
        State.Approvals = [.. restore.Approvals ?? []];
        State.StatusReason = restore.StatusReason;
        State.Result = restore.Result;
        State.CreatedAt = restore.CreatedAt ?? clock.Now;
        State.Deadline = held ? restore.Deadline : null;
        // The agent hears of the task from the outbox, after this write: it never holds a task that storage does not have.
        State.HandOver = held ? new PendingHandOver(restore.AssignedAgent!, actor) : null;
        await SaveAsync(Writer.Change(actor, TaskActions.Restored, null, $"from a snapshot, attempt {restore.Attempts} of {valid.MaxAttempts}"));
        await DeliverOutboxAsync();
        WatchDeadline();
        return Snapshot();
    }

    /// <summary>Each approval must be one a live approval could have given, checked against the approver as it stands in this hive.</summary>
    private async Task RequireApproversAsync(TaskRestore restore, TaskSpec spec)
    {
        foreach (var approval in restore.Approvals ?? [])
        {
            var approver = await FindAgentAsync(approval.AgentId) ?? throw HiveException.Validation(
                $"Task '{TaskId}' cannot be restored: agent '{approval.AgentId}', which approved it, is not in this hive. Restore the agent first.", Entity);
            ApprovalRules.RequireRestored(TaskId, spec, restore.AssignedAgent, approval, approver.Spec.Roles);
        }
    }

    /// <summary>The agent must be one that may take the task, as a claim would check, and be free to hold it.</summary>
    private async Task RequireHolderAsync(TaskSpec spec, string agentId)
    {
        var info = await AgentOf(agentId).Get();
        var mayTake = spec.PrimaryAgent is { } named ? named == agentId : info.Spec.Roles.Contains(spec.PrimaryRole!, StringComparer.Ordinal);
        if (!mayTake)
            throw HiveException.Forbidden($"Task '{TaskId}' cannot be restored as held by agent '{agentId}': that agent may not take it.", Entity);
        var take = AgentLifecycle.Transition(info.Status, AgentTrigger.TaskAssigned, info.CurrentTaskId is not null, info.Draining);
        if (!take.Allowed)
            throw HiveException.InvalidTransition($"Task '{TaskId}' cannot be restored as held by agent '{agentId}': {take.Error}.", "agent/" + agentId);
    }

    /// <summary>
    /// Tells the agent it holds this restored task; returns whether the task was rewritten instead. A transient failure
    /// propagates, so the outbox tries again. A refusal (the agent took other work, or was suspended or deregistered, after
    /// the restore checked it) takes the task back to ready with its attempt given back, audited, rather than leave it
    /// held by an agent that does not hold it.
    /// </summary>
    private async Task<bool> HandOverAsync(PendingHandOver handOver)
    {
        // Cancelled, or otherwise no longer this agent's, since the restore: there is nothing left to hand over.
        if (!TaskLifecycle.IsHeld(State.Status) || State.AssignedAgent != handOver.AgentId) return false;
        try
        {
            await GrainFactory.GetGrain<IAgentAssignmentGrain>(GrainKeys.Agent(handOver.AgentId)).AdoptRestoredTask(TaskId, handOver.Actor);
            return false;
        }
        catch (HiveException refusal) when (!HiveErrorCodes.IsTransient(refusal.Code))
        {
            var to = Allow(TaskTrigger.HandOverRefused, default);
            State.HandOver = null;
            State.Attempts = Math.Max(0, State.Attempts - 1);
            State.AssignedAgent = null;
            await FinishAsync(to, HiveStorage.SystemActor, TaskActions.Released, $"agent '{handOver.AgentId}' did not take it up: {refusal.Message}");
            return true;
        }
    }

    private IAgentGrain AgentOf(string agentId) => GrainFactory.GetGrain<IAgentGrain>(GrainKeys.Agent(agentId));

    private async Task<AgentInfo?> FindAgentAsync(string agentId)
    {
        try
        {
            return await AgentOf(agentId).Get();
        }
        catch (HiveException e) when (e.Code == HiveErrorCodes.NotFound)
        {
            return null;
        }
    }

    private static async Task<HiveTaskStatus?> StatusOfAsync(ITaskGrain task)
    {
        try
        {
            return (await task.Get()).Status;
        }
        catch (HiveException e) when (e.Code == HiveErrorCodes.NotFound)
        {
            return null;
        }
    }
}
