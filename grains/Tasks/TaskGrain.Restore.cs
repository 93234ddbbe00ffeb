using Hive.Agents;

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
        var held = TaskLifecycle.IsHeld(restore.Status);
        if (held) await HandToAgentAsync(valid, restore.AssignedAgent!, actor);

        var statuses = await Task.WhenAll(prerequisites.Select(p => p.Grain.AddDependent(TaskId)));
        State.Spec = valid;
        State.Prerequisites = prerequisites.Select((p, i) => (p.Id, statuses[i])).ToDictionary(p => p.Id, p => p.Item2);
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
        try
        {
            await SaveAsync(Change(actor, "restored", null, $"from a snapshot, attempt {restore.Attempts} of {valid.MaxAttempts}"));
        }
        catch when (held)
        {
            await AgentOf(restore.AssignedAgent!).TaskReleased(TaskId);
            throw;
        }
        await DeliverOutboxAsync();
        WatchDeadline();
        return Snapshot();
    }

    /// <summary>The agent must be one that may take the task, as a claim would check, and must be free to hold it.</summary>
    private async Task HandToAgentAsync(TaskSpec spec, string agentId, string actor)
    {
        var agent = AgentOf(agentId);
        var info = await agent.Get();
        var mayTake = spec.PrimaryAgent is { } named ? named == agentId : info.Spec.Roles.Contains(spec.PrimaryRole!, StringComparer.Ordinal);
        if (!mayTake)
            throw HiveException.Forbidden($"Task '{TaskId}' cannot be restored as held by agent '{agentId}': that agent may not take it.", Entity);
        await agent.AdoptRestoredTask(TaskId, actor);
    }

    private IAgentGrain AgentOf(string agentId) => GrainFactory.GetGrain<IAgentGrain>(GrainKeys.Agent(agentId));

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
