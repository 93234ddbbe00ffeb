using Hive.Catalog;

namespace Hive.Client;

/// <summary>Tasks: create and follow them; agents report on the ones they hold; approvers sign them off.</summary>
public sealed class HiveTasks(IClusterClient cluster, HiveCalls calls)
{
    /// <summary>Creates a task. The same spec twice is a no-op; prerequisites must already exist.</summary>
    public Task<TaskInfo> CreateAsync(TaskSpec spec, string actor)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return calls.Run(() => Task(spec.Id).Create(spec, actor), ("spec", spec));
    }

    public Task<TaskInfo> GetAsync(string taskId) => calls.Run(() => Task(taskId).Get());

    public Task<TaskInfo> StartAsync(string taskId, string agentId) => calls.Run(() => Task(taskId).Start(agentId));

    public Task<TaskInfo> ReportProgressAsync(string taskId, string agentId, int percent, string? note = null) =>
        calls.Run(() => Task(taskId).ReportProgress(agentId, percent, note), ("note", note));

    public Task<TaskInfo> CompleteAsync(string taskId, string agentId, string? result = null) => calls.Run(() => Task(taskId).Complete(agentId, result), ("result", result));

    public Task<TaskInfo> FailAsync(string taskId, string agentId, string error, FailureKind kind) => calls.Run(() => Task(taskId).Fail(agentId, error, kind), ("error", error));

    public Task<TaskInfo> ApproveAsync(string taskId, string agentId, string? note = null) => calls.Run(() => Task(taskId).Approve(agentId, note), ("note", note));

    public Task<TaskInfo> RejectAsync(string taskId, string agentId, string reason) => calls.Run(() => Task(taskId).Reject(agentId, reason), ("reason", reason));

    public Task<TaskInfo> CancelAsync(string taskId, string actor, string reason) => calls.Run(() => Task(taskId).Cancel(actor, reason), ("reason", reason));

    public Task<TaskInfo> RetryAsync(string taskId, string actor) => calls.Run(() => Task(taskId).Retry(actor));

    /// <summary>Admin: recreates a task from a snapshot in the status it had there; only when the task does not exist.</summary>
    public Task<TaskInfo> RestoreAsync(TaskRestore restore, string actor)
    {
        ArgumentNullException.ThrowIfNull(restore);
        // Not through calls (an admin import wants no retries), so the wire check is made here.
        WireText.Require("restore", restore);
        return Task(restore.Spec.Id).Restore(restore, actor);
    }

    public Task<Page<TaskSummary>> ListAsync(TaskQuery? query = null) =>
        calls.Run(() => cluster.GetGrain<IHiveQueryGrain>(0).ListTasks(query ?? new TaskQuery()));

    private ITaskGrain Task(string taskId) =>
        cluster.GetGrain<ITaskGrain>(GrainKeys.Task(HiveIds.Require(taskId, "Task id")));
}
