using Hive.Health;
using Hive.Security;

namespace Hive.Tasks;

/// <summary>One task, keyed by <see cref="Common.GrainKeys.Task"/>. Every method that changes the task is validated by the task lifecycle.</summary>
public interface ITaskGrain : IGrainWithStringKey
{
    /// <summary>Creates the task. The same spec again is a no-op; a different spec under the same id is a <c>conflict</c>. Unknown prerequisites are rejected.</summary>
    [Operation(OperationKind.TaskWrite, Actor = "actor", Scope = Scopes.TasksAdmin)]
    Task<TaskInfo> Create(TaskSpec spec, string actor);

    /// <summary>
    /// Admin: recreates a task from a snapshot of another hive, in the status it had there, without replaying its
    /// history (which would put claims and sign-offs in agents' names that they never made here). Only a task that
    /// does not exist can be restored (<c>conflict</c> otherwise); prerequisites must exist and their statuses must
    /// agree with the restored status; every approval must be one a live approval could have given (an agent with the
    /// role, not the one that did the work). A held task (assigned, in progress, awaiting approval) needs an agent that
    /// exists, is free and may take it; the task is written first and the agent told after, from the task's outbox. Should
    /// the agent no longer take it by then, the task goes back to ready (audited as <c>released</c>). One audit event, by
    /// <paramref name="actor"/>, records the restore; a refused restore writes nothing.
    /// </summary>
    [Operation(OperationKind.OperatorCommand, StopsWhenHalted = true, Actor = "actor", Scope = Scopes.Import)]
    Task<TaskInfo> Restore(TaskRestore restore, string actor);

    /// <summary>The task now; <c>not-found</c> when it was never created.</summary>
    [Operation(OperationKind.Read, Actor = Acts.Caller, Scope = Scopes.Read)]
    [AlwaysInterleave]
    Task<TaskInfo> Get();

    /// <summary>The assigned agent starts work.</summary>
    [Operation(OperationKind.TaskStatusUpdate, Actor = "agentId", Scope = Scopes.TasksAdmin)]
    Task<TaskInfo> Start(string agentId);

    /// <summary>The assigned agent reports progress (0–100) with an optional note; starts the task if it was only assigned.</summary>
    [Operation(OperationKind.TaskStatusUpdate, Actor = "agentId", Scope = Scopes.TasksAdmin)]
    Task<TaskInfo> ReportProgress(string agentId, int percent, string? note);

    /// <summary>The assigned agent finishes; the task completes, or waits for its required approvals.</summary>
    [Operation(OperationKind.TaskStatusUpdate, Actor = "agentId", Scope = Scopes.TasksAdmin)]
    Task<TaskInfo> Complete(string agentId, string? result);

    /// <summary>The assigned agent reports a failure. Transient failures return the task to ready while attempts remain.</summary>
    [Operation(OperationKind.TaskStatusUpdate, Actor = "agentId", Scope = Scopes.TasksAdmin)]
    Task<TaskInfo> Fail(string agentId, string error, FailureKind kind);

    /// <summary>An agent of a required role signs off. When every required role has approved, the task completes.</summary>
    [Operation(OperationKind.TaskStatusUpdate, Actor = "agentId", Scope = Scopes.TasksAdmin)]
    Task<TaskInfo> Approve(string agentId, string? note);

    /// <summary>An agent of a required role rejects the work; the task returns to in progress with the reason.</summary>
    [Operation(OperationKind.TaskStatusUpdate, Actor = "agentId", Scope = Scopes.TasksAdmin)]
    Task<TaskInfo> Reject(string agentId, string reason);

    /// <summary>Cancels the task; its dependents become blocked.</summary>
    [Operation(OperationKind.OperatorCommand, StopsWhenHalted = true, Actor = "actor", Scope = Scopes.TasksAdmin)]
    Task<TaskInfo> Cancel(string actor, string reason);

    /// <summary>An operator retries a failed or cancelled task with a fresh retry budget; blocked dependents become pending again.</summary>
    [Operation(OperationKind.OperatorCommand, StopsWhenHalted = true, Actor = "actor", Scope = Scopes.TasksAdmin)]
    Task<TaskInfo> Retry(string actor);
}
