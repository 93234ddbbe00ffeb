using Hive.Agents;
using Hive.Audit;
using Hive.Escalations;
using Hive.Deadlines;
using Hive.Ports;
using Microsoft.Extensions.Options;

namespace Hive.Tasks;

/// <summary>
/// One task. Every change is validated by <see cref="TaskLifecycle"/>, written, then published (catalog row and
/// audit event). Telling dependents, the releasing agent and the alert sink goes through a persisted outbox, so a crash between
/// the write and the calls only delays them: the next activation, or the deadline sweeper, finishes the job.
/// </summary>
public sealed partial class TaskGrain(
    [PersistentState("task", HiveStorage.Name)] IPersistentState<TaskState> stored,
    HiveClock clock,
    IOptions<HiveTimingOptions> timing,
    ChangeRecorder recorder,
    IAlertSink alerts,
    HiveMetrics metrics,
    ILogger<TaskGrain> log) : Grain, ITaskGrain, ITaskAssignmentGrain, ITaskDependencyGrain, IWakeableGrain
{
    /// <summary>How soon an outbox that could not be delivered after a transition is tried again (the sweeper is the backstop).</summary>
    private static readonly TimeSpan OutboxRetry = TimeSpan.FromSeconds(1);

    private readonly HiveTimingOptions _timing = timing.Value;
    private TaskState State => stored.State;
    private string TaskId => GrainKeys.IdOf(this.GetPrimaryKeyString());
    private string Entity => "task/" + TaskId;
    private string AlertKey => AlertKeys.TaskOverdue(TaskId);
    private ChangeWriter<TaskState, HiveTaskStatus>? _writer;
    private IGrainTimer? _deadlineCheck;
    private HiveTaskStatus _savedStatus;

    /// <summary>Writes this task's changes; made on first use, once the activation knows its key. Every status change is a counted transition.</summary>
    private ChangeWriter<TaskState, HiveTaskStatus> Writer => _writer ??= new(stored, recorder, clock, Entity,
        version => TaskCatalogRow.From(State, version, WakeAt()), DeactivateOnIdle, statusChange: ChangeMetric.TaskTransition);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (State.Spec is null) return Task.CompletedTask;
        _savedStatus = State.Status;
        if (State.HasOutbox || State.QueueToTell)
        {
            this.RegisterGrainTimer(static (self, _) => self.FlushOutboxAsync(), this,
                new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan));
        }
        WatchDeadline();
        return Task.CompletedTask;
    }

    public async Task<TaskInfo> Create(TaskSpec spec, string actor)
    {
        var valid = TaskSpecRules.Validate(spec, TaskId);
        HiveIds.Require(actor, "Actor");
        if (State.Spec is not null)
        {
            if (TaskSpecRules.SameAs(State.Spec, valid)) return Snapshot();
            throw HiveException.Conflict($"Task '{TaskId}' already exists with a different spec; choose another id.", Entity, State.Version);
        }
        var prerequisites = valid.Prerequisites!.Select(id => (Id: id, Grain: TaskOf(id))).ToArray();
        // Every prerequisite must exist before this task registers with any of them: bad input changes nothing.
        var exists = await Task.WhenAll(prerequisites.Select(p => ExistsAsync(p.Grain)));
        var unknown = prerequisites.Where((_, i) => !exists[i]).Select(p => p.Id).ToArray();
        if (unknown.Length > 0)
            throw HiveException.Validation($"Task '{TaskId}' names unknown prerequisite(s): {string.Join(", ", unknown)}. Create them first.", Entity);
        var statuses = await Task.WhenAll(prerequisites.Select(p => DependencyOf(p.Id).AddDependent(TaskId)));

        State.Spec = valid;
        State.CreatedAt = clock.Now;
        State.Prerequisites = prerequisites.Select((p, i) => (p.Id, statuses[i])).ToDictionary(p => p.Id, p => p.Item2);
        State.Status = TaskLifecycle.Initial(TaskDependencies.Evaluate(State.Prerequisites));
        State.StatusReason = TaskDependencies.BlockReason(State.Prerequisites);
        await SaveAsync(Writer.Change(actor, TaskActions.Created, null, $"type {valid.Type}, priority {valid.Priority}"));
        await DeliverOutboxAsync();
        return Snapshot();
    }

    public Task<TaskInfo> Get()
    {
        RequireExists();
        return Task.FromResult(Snapshot());
    }

    public async Task<bool> TryAssign(string agentId)
    {
        await RequireRegisteredAgentAsync(agentId);
        if (State.Spec is null || TaskLifecycle.Transition(State.Status, TaskTrigger.Assign) is not { Allowed: true } assign) return false;
        var from = State.Status;
        State.Status = assign.To;
        State.AssignedAgent = agentId;
        State.Attempts++;
        State.ProgressPercent = 0;
        State.ProgressNote = null;
        State.StatusReason = null;
        State.Approvals.Clear();
        State.Deadline = State.Spec.TimeBudget is { } budget ? clock.Now + budget : null;
        State.OverdueRaised = false;
        await SaveAsync(Writer.Change(agentId, TaskActions.Assigned, from, $"attempt {State.Attempts} of {State.Spec.MaxAttempts}"));
        WatchDeadline();
        return true;
    }

    public async Task<bool> ReleaseUnheld(string agentId)
    {
        HiveIds.Require(agentId, "Agent id");
        if (State.Spec is null || State.AssignedAgent != agentId
            || TaskLifecycle.Transition(State.Status, TaskTrigger.Release) is not { Allowed: true } release)
            return false;
        State.Attempts = Math.Max(0, State.Attempts - 1);
        // Not told through the outbox: the agent is the caller, waiting for this call, and holds nothing to let go of.
        State.AssignedAgent = null;
        await FinishAsync(release.To, HiveStorage.SystemActor, TaskActions.Released, $"agent '{agentId}' does not hold it; its claim was never recorded");
        return true;
    }

    public async Task<TaskInfo> Start(string agentId)
    {
        var from = State.Status;
        State.Status = Require(TaskTrigger.Start, agentId);
        await SaveAsync(Writer.Change(agentId, TaskActions.Started, from, null));
        return Snapshot();
    }

    public async Task<TaskInfo> ReportProgress(string agentId, int percent, string? note)
    {
        if (percent is < 0 or > 100) throw HiveException.Validation($"Progress must be 0–100; got {percent}.", Entity);
        HiveText.Optional(note, "A progress note", Limits.MaxTextLength, Entity);
        var from = State.Status;
        State.Status = Require(TaskTrigger.Progress, agentId);
        State.ProgressPercent = percent;
        State.ProgressNote = note;
        await SaveAsync(Writer.Change(agentId, TaskActions.Progress, from, $"{percent}%{(note is null ? "" : ": " + note)}"));
        return Snapshot();
    }

    public async Task<TaskInfo> Complete(string agentId, string? result)
    {
        HiveText.Optional(result, "A result", Limits.MaxTextLength, Entity);
        var from = State.Status;
        var to = Require(TaskTrigger.Complete, agentId, new TaskFacts(NeedsApproval: State.Spec?.RequiredApprovals?.Count > 0));
        State.Result = result;
        State.ProgressPercent = 100;
        if (to == HiveTaskStatus.AwaitingApproval)
        {
            State.Status = to;
            await SaveAsync(Writer.Change(agentId, TaskActions.AwaitingApproval, from, $"needs {string.Join(", ", State.Spec!.RequiredApprovals!)}"));
        }
        else
        {
            await FinishAsync(to, agentId, TaskActions.Completed, result);
        }
        return Snapshot();
    }

    public async Task<TaskInfo> Fail(string agentId, string error, FailureKind kind)
    {
        HiveText.Require(error, "A failure's error", Limits.MaxTextLength, Entity);
        var trigger = kind == FailureKind.Permanent ? TaskTrigger.FailPermanent : TaskTrigger.FailTransient;
        var facts = new TaskFacts(AttemptsRemain: State.Spec is not null && State.Attempts < State.Spec.MaxAttempts);
        var to = Require(trigger, agentId, facts);
        var reason = $"{kind.ToString().ToLowerInvariant()} failure on attempt {State.Attempts}: {error}";
        await FinishAsync(to, agentId, to == HiveTaskStatus.Ready ? TaskActions.Retrying : TaskActions.Failed, reason);
        return Snapshot();
    }

    public async Task<TaskInfo> Approve(string agentId, string? note)
    {
        HiveText.Optional(note, "An approval note", Limits.MaxTextLength, Entity);
        var roles = await ApproverRolesAsync(agentId, TaskTrigger.Approve);
        var waiting = WaitingApprovals();
        var granted = roles.Intersect(waiting, StringComparer.Ordinal).ToArray();
        if (granted.Length == 0)
        {
            throw HiveException.Forbidden(
                $"Agent '{agentId}' (roles: {string.Join(", ", roles)}) cannot approve task '{TaskId}': it awaits approval from {string.Join(", ", waiting)}.", Entity);
        }
        State.Approvals.AddRange(granted.Select(role => new Approval(role, agentId, note, clock.Now)));
        var from = State.Status;
        var to = Allow(TaskTrigger.Approve, new TaskFacts(AllApproved: WaitingApprovals().Count == 0));
        if (to == HiveTaskStatus.Completed)
        {
            await FinishAsync(to, agentId, TaskActions.Approved, $"as {string.Join(", ", granted)}; all approvals given");
        }
        else
        {
            State.Status = to;
            await SaveAsync(Writer.Change(agentId, TaskActions.Approved, from, $"as {string.Join(", ", granted)}"));
        }
        return Snapshot();
    }

    public async Task<TaskInfo> Reject(string agentId, string reason)
    {
        RequireReason(reason);
        await ApproverRolesAsync(agentId, TaskTrigger.Reject);
        var from = State.Status;
        State.Status = Allow(TaskTrigger.Reject, default);
        State.StatusReason = $"rejected by {agentId}: {reason}";
        State.Approvals.Clear();
        await SaveAsync(Writer.Change(agentId, TaskActions.Rejected, from, reason));
        return Snapshot();
    }

    public async Task<TaskInfo> Cancel(string actor, string reason)
    {
        HiveIds.Require(actor, "Actor");
        RequireReason(reason);
        RequireExists();
        await FinishAsync(Allow(TaskTrigger.Cancel, default), actor, TaskActions.Cancelled, reason);
        return Snapshot();
    }

    public async Task<TaskInfo> Retry(string actor)
    {
        HiveIds.Require(actor, "Actor");
        RequireExists();
        var to = Allow(TaskTrigger.Retry, new TaskFacts(Prerequisites: TaskDependencies.Evaluate(State.Prerequisites)));
        var from = State.Status;
        State.Status = to;
        State.Attempts = 0;
        State.AssignedAgent = null;
        State.Result = null;
        State.StatusReason = TaskDependencies.BlockReason(State.Prerequisites);
        State.DependentsToNotify = State.Dependents.Count > 0;
        await SaveAsync(Writer.Change(actor, TaskActions.Retried, from, "fresh retry budget"));
        await DeliverOutboxAsync();
        return Snapshot();
    }

    public async Task<HiveTaskStatus> AddDependent(string dependentTaskId)
    {
        HiveIds.Require(dependentTaskId, "Dependent task id");
        RequireExists();
        if (State.Status != HiveTaskStatus.Completed && !State.Dependents.Contains(dependentTaskId))
        {
            if (State.Dependents.Count >= Limits.MaxDependents)
                throw HiveException.Validation($"Task '{TaskId}' already has {Limits.MaxDependents} dependents, the most a task may have.", Entity);
            State.Dependents.Add(dependentTaskId);
            await SaveAsync(null);
        }
        return State.Status;
    }

    public async Task PrerequisiteChanged(string prerequisiteId, HiveTaskStatus status)
    {
        HiveIds.Require(prerequisiteId, "Prerequisite id");
        if (!Enum.IsDefined(status)) throw HiveException.Validation($"Task status {(int)status} is not a task status.", Entity);
        if (State.Spec is null || !State.Prerequisites.TryGetValue(prerequisiteId, out var known) || known == status) return;
        State.Prerequisites[prerequisiteId] = status;
        var standing = TaskDependencies.Evaluate(State.Prerequisites);
        var from = State.Status;
        State.Status = TaskLifecycle.AfterPrerequisites(from, standing);
        State.StatusReason = TaskDependencies.BlockReason(State.Prerequisites);
        State.DependentsToNotify |= TaskDependencies.ClassOf(from) != TaskDependencies.ClassOf(State.Status) && State.Dependents.Count > 0;
        await SaveAsync(from == State.Status ? null : Writer.Change(HiveStorage.SystemActor, TaskActions.PrerequisiteChanged, from, $"{prerequisiteId} is {status}"));
        await DeliverOutboxAsync();
    }

    public async Task Wake()
    {
        if (State.Spec is null) return;
        await FlushOutboxAsync();
        await CheckDeadline(CancellationToken.None);
    }

    /// <summary>Leaves the held statuses (or moves to a terminal one): releases the agent and tells dependents, through the outbox.</summary>
    private async Task FinishAsync(HiveTaskStatus to, string actor, string action, string? reason)
    {
        var from = State.Status;
        State.Status = to;
        State.StatusReason = to == HiveTaskStatus.Completed ? null : reason;
        if (TaskLifecycle.IsHeld(from)) State.AgentToRelease = State.AssignedAgent;
        if (to == HiveTaskStatus.Ready) State.AssignedAgent = null;
        State.DependentsToNotify = TaskDependencies.ClassOf(from) != TaskDependencies.ClassOf(to) && State.Dependents.Count > 0;
        if (State.OverdueRaised) State.AlertToSend = PendingAlert.Clear;
        State.Deadline = null;
        State.OverdueRaised = false;
        await SaveAsync(Writer.Change(actor, action, from, reason));
        if (to == HiveTaskStatus.Completed) metrics.TaskCompleted(clock.Now - State.CreatedAt);
        StopDeadlineWatch();
        await DeliverOutboxAsync();
    }

    /// <summary>
    /// Delivers the outbox right after a transition that is already durable. Its failure (the agent's silo is leaving,
    /// say) must not fail the caller's call, whose change happened: the outbox is tried again in a second, and the
    /// sweeper wakes this task for it in any case.
    /// </summary>
    private async Task DeliverOutboxAsync()
    {
        try
        {
            await FlushOutboxAsync();
        }
        catch (Exception e) when (e is not OperationCanceledException && (State.HasOutbox || State.QueueToTell))
        {
            LogOutboxDeferred(log, e, TaskId);
            this.RegisterGrainTimer(static (self, _) => self.FlushOutboxAsync(), this, new GrainTimerCreationOptions(OutboxRetry, Timeout.InfiniteTimeSpan));
        }
    }

    private async Task FlushOutboxAsync()
    {
        await TellQueueAsync();
        if (!State.HasOutbox) return;
        if (State.AgentToRelease is { } agent)
            await GrainFactory.GetGrain<IAgentAssignmentGrain>(GrainKeys.Agent(agent)).TaskReleased(TaskId);
        if (State.DependentsToNotify)
            await Task.WhenAll(State.Dependents.Select(d => DependencyOf(d).PrerequisiteChanged(TaskId, State.Status)));
        if (State.AlertToSend is { } alert) await SendAlertAsync(alert);
        State.AgentToRelease = null;
        State.DependentsToNotify = false;
        State.AlertToSend = null;
        // The agent is told last, once the task's own write and everything it promised are done. A refusal rewrites the
        // task (and that write flushes its own outbox), so nothing is left to record here.
        if (State.HandOver is { } handOver && await HandOverAsync(handOver)) return;
        State.HandOver = null;
        // The cleared outbox reaches storage with the next state write; until then a repeat is harmless.
        await Writer.RecordRowAsync();
    }

    private async Task CheckDeadline(CancellationToken cancellationToken)
    {
        if (!TaskLifecycle.IsHeld(State.Status) || State.Deadline is not { } deadline || State.OverdueRaised)
        {
            StopDeadlineWatch();
            return;
        }
        if (clock.Now <= deadline) return;
        State.OverdueRaised = true;
        State.AlertToSend = PendingAlert.Raise;
        await SaveAsync(Writer.Change(HiveStorage.SystemActor, TaskActions.Overdue, State.Status, $"time budget {State.Spec!.TimeBudget} ran out at {deadline:O}"));
        // Stopping the timer cancels the token this tick runs with; the alert rides the outbox instead.
        StopDeadlineWatch();
        await DeliverOutboxAsync();
    }

    private Task SendAlertAsync(PendingAlert alert) => alert == PendingAlert.Raise
        ? alerts.RaiseAsync(new HiveAlert(AlertKey, AlertKind.TaskOverdue, Entity, "MEDIUM", $"Task {TaskId} is overdue",
            $"Task '{TaskId}' ({State.Spec!.Title}), held by '{State.AssignedAgent}', ran past its time budget of {State.Spec.TimeBudget}.", clock.Now),
            CancellationToken.None)
        : alerts.ClearAsync(AlertKey, $"Task '{TaskId}' is now {State.Status}.", CancellationToken.None);

    private void WatchDeadline()
    {
        if (_deadlineCheck is not null || !TaskLifecycle.IsHeld(State.Status) || State.Deadline is null || State.OverdueRaised) return;
        _deadlineCheck = this.RegisterGrainTimer(CheckDeadline,
            new GrainTimerCreationOptions(_timing.CheckInterval, _timing.CheckInterval) { KeepAlive = true });
    }

    private void StopDeadlineWatch()
    {
        _deadlineCheck?.Dispose();
        _deadlineCheck = null;
    }

    /// <summary>The queue call interleaves with the queue's own claims, so it cannot deadlock with a claim waiting on this task.</summary>
    private async Task TellQueueAsync()
    {
        if (!State.QueueToTell) return;
        if (State.Status == HiveTaskStatus.Ready)
        {
            await GrainFactory.GetGrain<IReadyQueueGrain>(TaskCatalogRow.QueueKeyOf(State.Spec!))
                .Enqueue(new ReadyTaskEntry(TaskId, State.Spec!.Priority, State.CreatedAt));
        }
        // Cleared in storage with the next write; until then a repeat is harmless.
        State.QueueToTell = false;
    }

    /// <summary>When the sweeper must wake this task if it is not activated: an unfinished outbox soon, else its deadline.</summary>
    private DateTimeOffset? WakeAt() =>
        State.HasOutbox ? clock.Now + (2 * _timing.SweepInterval)
        : TaskLifecycle.IsHeld(State.Status) && !State.OverdueRaised ? State.Deadline
        : null;

    private async Task SaveAsync(EntityChange? change)
    {
        // Every write that makes the task ready tells its queue, through the outbox, whichever path got it there.
        if (State.Status == HiveTaskStatus.Ready && _savedStatus != HiveTaskStatus.Ready) State.QueueToTell = true;
        await Writer.SaveAsync(change);
        _savedStatus = State.Status;
    }

    private async Task<IReadOnlyList<string>> ApproverRolesAsync(string agentId, TaskTrigger trigger)
    {
        HiveIds.Require(agentId, "Agent id");
        RequireExists();
        Allow(trigger, default);
        var approver = await GrainFactory.GetGrain<IAgentGrain>(GrainKeys.Agent(agentId)).Get();
        ApprovalRules.RequireApprover(TaskId, State.Spec!, State.AssignedAgent, agentId, approver.Spec.Roles);
        return approver.Spec.Roles;
    }

    private List<string> WaitingApprovals() =>
        State.Spec!.RequiredApprovals!.Where(role => State.Approvals.All(a => a.Role != role)).ToList();

    /// <summary>Checks the transition and that <paramref name="agentId"/> holds the task; returns the status the lifecycle moves it to.</summary>
    private HiveTaskStatus Require(TaskTrigger trigger, string agentId, TaskFacts facts = default)
    {
        HiveIds.Require(agentId, "Agent id");
        RequireExists();
        var to = Allow(trigger, facts);
        if (State.AssignedAgent != agentId)
            throw HiveException.Forbidden($"Task '{TaskId}' is assigned to '{State.AssignedAgent}', not to '{agentId}'.", Entity);
        return to;
    }

    /// <summary>The status the lifecycle moves the task to on <paramref name="trigger"/>; throws when it refuses.</summary>
    private HiveTaskStatus Allow(TaskTrigger trigger, TaskFacts facts)
    {
        var t = TaskLifecycle.Transition(State.Status, trigger, facts);
        if (!t.Allowed) throw HiveException.InvalidTransition($"Task '{TaskId}': {t.Error}.", Entity);
        return t.To;
    }

    private void RequireExists()
    {
        if (State.Spec is null) throw HiveException.NotFound(Entity);
    }

    private void RequireReason(string reason) => HiveText.Require(reason, "A reason", Limits.MaxTextLength, Entity);

    private ITaskGrain TaskOf(string id) => GrainFactory.GetGrain<ITaskGrain>(GrainKeys.Task(id));

    private ITaskDependencyGrain DependencyOf(string id) => GrainFactory.GetGrain<ITaskDependencyGrain>(GrainKeys.Task(id));

    /// <summary>
    /// A task is only ever assigned to an agent that exists: one assigned to an id no agent answers to would be held by
    /// nobody until its attempts ran out. The agent is usually the caller, waiting in its claim; its Get interleaves.
    /// </summary>
    private async Task RequireRegisteredAgentAsync(string agentId)
    {
        HiveIds.Require(agentId, "Agent id");
        try
        {
            await GrainFactory.GetGrain<IAgentGrain>(GrainKeys.Agent(agentId)).Get();
        }
        catch (HiveException e) when (e.Code == HiveErrorCodes.NotFound)
        {
            throw HiveException.Validation($"Task '{TaskId}' cannot be assigned to agent '{agentId}': no such agent is registered.", Entity);
        }
    }

    private static async Task<bool> ExistsAsync(ITaskGrain task)
    {
        try
        {
            await task.Get();
            return true;
        }
        catch (HiveException e) when (e.Code == HiveErrorCodes.NotFound)
        {
            return false;
        }
    }

    private TaskInfo Snapshot() => new(State.Spec!, State.Status, State.AssignedAgent, State.Attempts, State.ProgressPercent,
        State.ProgressNote, State.Approvals.ToArray(), State.StatusReason,
        State.Prerequisites.Where(p => p.Value != HiveTaskStatus.Completed).Select(p => p.Key).Order(StringComparer.Ordinal).ToArray(),
        State.CreatedAt, State.UpdatedAt, State.Deadline, State.Result, State.Version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Task {TaskId} could not deliver its outbox yet; it tries again shortly")]
    private static partial void LogOutboxDeferred(ILogger logger, Exception exception, string taskId);
}
