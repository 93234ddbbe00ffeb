using Hive.Audit;
using Hive.Escalations;
using Hive.Deadlines;
using Hive.Ports;
using Hive.Tasks;
using Microsoft.Extensions.Options;

namespace Hive.Agents;

/// <summary>
/// One agent. Heartbeats are kept in memory and checked by a keep-alive grain timer; a state write happens
/// only when the status changes. When a watched agent's activation goes away gracefully, it parks a wake-up
/// time in the catalog so the deadline sweeper brings it back to check, so silence is still noticed. While it is
/// watched, its catalog row names this silo as its host: if the silo stops or dies, the sweeper wakes it elsewhere.
/// </summary>
public sealed partial class AgentGrain(
    [PersistentState("agent", HiveStorage.Name)] IPersistentState<AgentState> stored,
    HiveClock clock,
    IOptions<HiveTimingOptions> timing,
    ChangeRecorder recorder,
    IAlertSink alerts,
    IEntityCatalog catalog,
    ILocalSiloDetails silo,
    AgentRevival revival,
    ILogger<AgentGrain> log) : Grain, IAgentGrain, IAgentAssignmentGrain, IWakeableGrain
{
    /// <summary>How soon an alert the sink refused is offered again (the sweeper is the backstop).</summary>
    private static readonly TimeSpan AlertRetry = TimeSpan.FromSeconds(1);

    private readonly HiveTimingOptions _timing = timing.Value;
    private readonly string _host = silo.SiloAddress.ToParsableString();
    private AgentState State => stored.State;
    private bool Watched => AgentLifecycle.IsWatched(State.Status, State.AwaitingFirstHeartbeat);
    private string AgentId => GrainKeys.IdOf(this.GetPrimaryKeyString());
    private string Entity => "agent/" + AgentId;
    private string AlertKey => AlertKeys.AgentUnresponsive(AgentId);
    private ChangeWriter<AgentState, AgentStatus>? _writer;
    private DateTimeOffset _lastHeartbeat;
    private double _load;
    private IGrainTimer? _heartbeatCheck;
    private bool _stateUnsaved;
    private bool _strandedChecked;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (State.Spec is null) return;
        // After a graceful deactivation LastHeartbeat is exact. After a crash it is older than the truth,
        // so the agent gets a fresh deadline from now rather than a false alarm. A restored agent has sent none yet.
        var parked = State.ParkedWakeAt is not null;
        if (!State.AwaitingFirstHeartbeat) _lastHeartbeat = parked ? State.LastHeartbeat ?? clock.Now : clock.Now;
        // A watched agent's row must name this silo as its host (and drop a parked wake-up) before the check runs here.
        if (parked || Watched)
        {
            State.ParkedWakeAt = null;
            await SaveAsync(null);
        }
        if (State.AlertToSend is not null)
            this.RegisterGrainTimer(static (self, _) => self.SendAlertAsync(), this, new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan));
        WatchHeartbeats();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (State.Spec is null || _stateUnsaved || !Watched) return;
        // A stopping silo writes nothing: its row already names it as host, and once membership declares it dead the
        // sweeper wakes the agent on a live silo. Parking here would cost one write per agent at every shutdown, racing
        // the agent's next activation elsewhere for the same state version.
        if (reason.ReasonCode == DeactivationReasonCode.ShuttingDown) return;
        State.LastHeartbeat = _lastHeartbeat;
        State.ParkedWakeAt = _lastHeartbeat + _timing.HeartbeatDeadline;
        try
        {
            await SaveAsync(null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogParkFailed(log, e, AgentId);
        }
    }

    public async Task<AgentInfo> Register(AgentSpec spec)
    {
        var valid = AgentSpecRules.Validate(spec, AgentId);
        if (State.Spec is null)
        {
            State.Spec = valid;
            State.Status = AgentLifecycle.Initial;
            State.RegisteredAt = clock.Now;
            _lastHeartbeat = clock.Now;
            await SaveAsync(Writer.Change(valid.Id, AgentActions.Registered, null, $"roles: {string.Join(", ", valid.Roles)}"));
        }
        else
        {
            // Registering again brings an offline agent back; any other keeps its status, taking a changed spec.
            var from = State.Status;
            var to = Apply(AgentTrigger.Register);
            if (from == AgentStatus.Offline)
            {
                State.Spec = valid;
                State.Status = to;
                State.Draining = false;
                State.StatusReason = null;
                _lastHeartbeat = clock.Now;
                await SaveAsync(Writer.Change(valid.Id, AgentActions.ReRegistered, from, null));
            }
            else if (!State.Spec.SameAs(valid))
            {
                State.Spec = valid;
                State.Status = to;
                await SaveAsync(Writer.Change(valid.Id, AgentActions.SpecUpdated, from, $"roles: {string.Join(", ", valid.Roles)}"));
            }
        }
        WatchHeartbeats();
        return Snapshot();
    }

    public async Task<AgentInfo> Restore(AgentSpec spec, string actor)
    {
        var valid = AgentSpecRules.Validate(spec, AgentId);
        HiveIds.Require(actor, "Actor");
        if (State.Spec is not null)
            throw HiveException.Conflict($"Agent '{AgentId}' already exists; only an agent that does not exist can be restored.", Entity, State.Version);
        State.Spec = valid;
        State.Status = AgentLifecycle.Initial;
        State.RegisteredAt = clock.Now;
        State.AwaitingFirstHeartbeat = true;
        await SaveAsync(Writer.Change(actor, AgentActions.Restored, null,
            $"roles: {string.Join(", ", valid.Roles)}; heartbeats are watched from the first one"));
        return Snapshot();
    }

    public async Task<AgentInfo> Heartbeat(double load)
    {
        RequireRegistered();
        if (double.IsNaN(load) || load < 0 || load > 1)
            throw HiveException.Validation($"Load must be between 0 and 1; agent '{AgentId}' reported {load}.", Entity);
        var to = Apply(AgentTrigger.Heartbeat);
        _lastHeartbeat = clock.Now;
        _load = load;
        // The first heartbeat of a restored agent is written even when its status stays, so a new activation watches it too.
        var first = State.AwaitingFirstHeartbeat;
        State.AwaitingFirstHeartbeat = false;
        if (to != State.Status)
        {
            if (State.Status == AgentStatus.Unresponsive) State.AlertToSend = PendingAlert.Clear;
            await MoveAsync(to, AgentId, AgentActions.Heartbeat, null);
            await SendAlertAsync();
        }
        else if (first)
        {
            await SaveAsync(Writer.Change(AgentId, AgentActions.Heartbeat, State.Status, "first heartbeat since it was restored"));
        }
        WatchHeartbeats();
        return Snapshot();
    }

    public async Task<AgentInfo> Deregister(string actor)
    {
        HiveIds.Require(actor, "Actor");
        RequireRegistered();
        var to = Apply(AgentTrigger.Deregister);
        if (State.CurrentTaskId is not null)
        {
            // Holding a task, it keeps its status (the lifecycle's answer) and drains: the task's release takes it offline.
            var from = State.Status;
            State.Status = to;
            State.Draining = true;
            await SaveAsync(Writer.Change(actor, AgentActions.Draining, from, $"finishing task {State.CurrentTaskId}"));
        }
        else
        {
            await LeaveAsync(to, actor, AgentActions.Deregistered, null);
        }
        return Snapshot();
    }

    public async Task<AgentInfo> Suspend(string actor, string reason)
    {
        HiveIds.Require(actor, "Actor");
        RequireRegistered();
        RequireReason(reason);
        await LeaveAsync(Apply(AgentTrigger.Suspend), actor, AgentActions.Suspended, reason);
        return Snapshot();
    }

    public async Task<AgentInfo> Resume(string actor)
    {
        HiveIds.Require(actor, "Actor");
        RequireRegistered();
        var to = Apply(AgentTrigger.Resume);
        _lastHeartbeat = clock.Now;
        await MoveAsync(to, actor, AgentActions.Resumed, null);
        WatchHeartbeats();
        return Snapshot();
    }

    public Task<AgentInfo> Get()
    {
        RequireRegistered();
        return Task.FromResult(Snapshot());
    }

    public async Task<TaskInfo?> ClaimNext()
    {
        RequireRegistered();
        await LetGoOfFinishedTaskAsync();
        // A retried claim (its reply was lost) gets the task it already holds, not a second one.
        if (State.CurrentTaskId is { } held) return await TaskOf(held).Get();
        Apply(AgentTrigger.TaskAssigned);
        if (await AdoptStrandedAsync() is { } adopted) return adopted;
        var queues = State.Spec!.Roles.Select(r => GrainFactory.GetGrain<IReadyQueueGrain>(GrainKeys.RoleQueue(r)))
            .Append(GrainFactory.GetGrain<IReadyQueueGrain>(GrainKeys.AgentQueue(AgentId)))
            .ToArray();
        var heads = await Task.WhenAll(queues.Select(q => q.Peek()));
        var order = Enumerable.Range(0, queues.Length).Where(i => heads[i] is not null)
            .OrderBy(i => heads[i]!, ReadyTaskEntry.ClaimOrder);
        foreach (var i in order)
        {
            var taskId = await queues[i].ClaimFor(AgentId);
            if (taskId is not null)
                return await TookAsync(taskId);
        }
        return null;
    }

    public async Task<TaskInfo> Claim(string taskId)
    {
        RequireRegistered();
        HiveIds.Require(taskId, "Task id");
        await LetGoOfFinishedTaskAsync();
        var task = TaskOf(taskId);
        // A retried claim (its reply was lost) gets the task again.
        if (State.CurrentTaskId == taskId) return await task.Get();
        Apply(AgentTrigger.TaskAssigned);
        var info = await task.Get();
        // A retried claim whose first try assigned the task but was never recorded here takes the task up.
        if (info.Status == HiveTaskStatus.Assigned && info.AssignedAgent == AgentId) return await TookAsync(taskId);
        var mayTake = info.Spec.PrimaryAgent is { } named
            ? named == AgentId
            : State.Spec!.Roles.Contains(info.Spec.PrimaryRole!, StringComparer.Ordinal);
        if (!mayTake)
        {
            var who = info.Spec.PrimaryAgent is { } a ? $"agent '{a}'" : $"role '{info.Spec.PrimaryRole}'";
            throw HiveException.Forbidden($"Agent '{AgentId}' may not claim task '{taskId}': it is for {who}.", "task/" + taskId);
        }
        if (!await GrainFactory.GetGrain<ITaskAssignmentGrain>(GrainKeys.Task(taskId)).TryAssign(AgentId))
            throw HiveException.InvalidTransition($"Task '{taskId}' is {info.Status}, not ready, so it cannot be claimed.", "task/" + taskId);
        return await TookAsync(taskId);
    }

    public async Task AdoptRestoredTask(string taskId, string actor)
    {
        HiveIds.Require(taskId, "Task id");
        HiveIds.Require(actor, "Actor");
        RequireRegistered();
        if (State.CurrentTaskId == taskId) return;
        var to = Apply(AgentTrigger.TaskAssigned);
        // The task has written that this agent holds it before it says so. Anything else would leave the agent holding a
        // task that never releases it. The task's Get interleaves, so asking the caller cannot deadlock.
        var task = await FindTaskAsync(taskId);
        if (task is null || !TaskLifecycle.IsHeld(task.Status) || task.AssignedAgent != AgentId)
        {
            var standing = task is null ? "does not exist" : $"is {task.Status}{(task.AssignedAgent is { } holder ? $", held by '{holder}'" : "")}";
            throw HiveException.Conflict($"Agent '{AgentId}' cannot take up task '{taskId}': the task {standing}, not held by this agent.", Entity, State.Version);
        }
        State.CurrentTaskId = taskId;
        await MoveAsync(to, actor, AgentActions.TaskRestored, $"task {taskId}");
    }

    public async Task TaskReleased(string taskId)
    {
        HiveIds.Require(taskId, "Task id");
        if (State.Spec is null || State.CurrentTaskId != taskId) return;
        var to = AgentLifecycle.Transition(State.Status, AgentTrigger.TaskReleased, true, State.Draining).To;
        State.CurrentTaskId = null;
        await LeaveAsync(to, HiveStorage.SystemActor, AgentActions.TaskReleased, $"task {taskId}");
    }

    public async Task Wake()
    {
        if (State.Spec is null) return;
        await SendAlertAsync();
        await CheckHeartbeat(CancellationToken.None);
    }

    /// <summary>
    /// Once per activation, before handing out new work: a task the catalog lists as assigned to this agent that the
    /// agent does not hold was assigned by a claim whose write on this side failed (or whose activation died). The
    /// first such task is taken up, so the retried claim returns it; any other goes back to the ready queue, audited.
    /// The catalog row commits with the task's state, so it never lists an assignment storage does not have.
    /// </summary>
    private async Task<TaskInfo?> AdoptStrandedAsync()
    {
        if (_strandedChecked) return null;
        var rows = await catalog.QueryAsync(new CatalogQuery(EntityKind.Task, Status: nameof(HiveTaskStatus.Assigned), Owner: AgentId,
            PageSize: Limits.MaxPageSize));
        TaskInfo? adopted = null;
        foreach (var row in rows)
        {
            var info = await TaskOf(row.Id).Get();
            if (info.Status != HiveTaskStatus.Assigned || info.AssignedAgent != AgentId) continue;
            if (adopted is null) adopted = await TookAsync(row.Id);
            else await GrainFactory.GetGrain<ITaskAssignmentGrain>(GrainKeys.Task(row.Id)).ReleaseUnheld(AgentId);
        }
        _strandedChecked = true;
        return adopted;
    }

    private ITaskGrain TaskOf(string taskId) => GrainFactory.GetGrain<ITaskGrain>(GrainKeys.Task(taskId));

    /// <summary>
    /// A task that finished tells its agent through its outbox; when that call has not arrived yet (the agent's silo
    /// was leaving, say), the agent would refuse new work until it does. Asked for work, it checks the task itself and
    /// lets go of one that no longer holds it. The task's Get interleaves, so this cannot deadlock with the outbox.
    /// </summary>
    private async Task LetGoOfFinishedTaskAsync()
    {
        if (State.CurrentTaskId is not { } held) return;
        var task = await FindTaskAsync(held);
        if (task is not null && TaskLifecycle.IsHeld(task.Status) && task.AssignedAgent == AgentId) return;
        await TaskReleased(held);
    }

    /// <summary>The task now, or null when it does not exist (a task id this agent was told about that no task answers to).</summary>
    private async Task<TaskInfo?> FindTaskAsync(string taskId)
    {
        try
        {
            return await TaskOf(taskId).Get();
        }
        catch (HiveException e) when (e.Code == HiveErrorCodes.NotFound)
        {
            return null;
        }
    }

    private async Task<TaskInfo> TookAsync(string taskId)
    {
        var to = Apply(AgentTrigger.TaskAssigned);
        State.CurrentTaskId = taskId;
        await MoveAsync(to, AgentId, AgentActions.TaskClaimed, $"task {taskId}");
        return await TaskOf(taskId).Get();
    }

    private async Task CheckHeartbeat(CancellationToken cancellationToken)
    {
        if (!Watched)
        {
            StopWatching();
            return;
        }
        var deadline = _lastHeartbeat + _timing.HeartbeatDeadline;
        if (clock.Now <= deadline) return;
        var reason = $"no heartbeat since {_lastHeartbeat:O} (deadline {_timing.HeartbeatDeadline.TotalSeconds:0.###} s)";
        // A watched agent is one a missed heartbeat makes unresponsive (AgentLifecycle.IsWatched), so this is never refused.
        var to = Apply(AgentTrigger.MissedHeartbeat);
        State.AlertToSend = PendingAlert.Raise;
        await MoveAsync(to, HiveStorage.SystemActor, AgentActions.MissedHeartbeat, reason);
        // Stopping the timer cancels the token this tick runs with; the alert must not depend on it.
        StopWatching();
        await SendAlertAsync();
    }

    /// <summary>
    /// Hands the alert in the outbox to the sink, then clears the outbox with a state write. When the sink fails the
    /// alert stays in the outbox: a timer tries again shortly, and the catalog row's wake time has the sweeper do it
    /// if this activation goes away first. The status change itself is already durable, so the caller never sees the failure.
    /// </summary>
    private async Task SendAlertAsync()
    {
        if (State.AlertToSend is not { } pending) return;
        try
        {
            if (pending == PendingAlert.Raise)
            {
                await alerts.RaiseAsync(new HiveAlert(AlertKey, AlertKind.AgentUnresponsive, Entity, "HIGH", $"Agent {AgentId} is unresponsive",
                    $"Agent '{AgentId}' ({State.Spec!.DisplayName}) sent {State.StatusReason}.", clock.Now), CancellationToken.None);
            }
            else
            {
                await alerts.ClearAsync(AlertKey, $"Agent '{AgentId}' is {State.Status} again.", CancellationToken.None);
            }
            State.AlertToSend = null;
            await SaveAsync(null);
        }
        catch (Exception e)
        {
            LogAlertDeferred(log, e, AgentId);
            if (State.AlertToSend is not null)
                this.RegisterGrainTimer(static (self, _) => self.SendAlertAsync(), this, new GrainTimerCreationOptions(AlertRetry, Timeout.InfiniteTimeSpan));
        }
    }

    private void WatchHeartbeats()
    {
        if (!Watched || _heartbeatCheck is not null) return;
        _heartbeatCheck = this.RegisterGrainTimer(CheckHeartbeat,
            new GrainTimerCreationOptions(_timing.CheckInterval, _timing.CheckInterval) { KeepAlive = true });
    }

    private void StopWatching()
    {
        _heartbeatCheck?.Dispose();
        _heartbeatCheck = null;
    }

    /// <summary>Moves to a status that leaves unresponsiveness behind, resolving its alert.</summary>
    private async Task LeaveAsync(AgentStatus to, string actor, string action, string? reason)
    {
        if (State.Status == AgentStatus.Unresponsive && to != AgentStatus.Unresponsive) State.AlertToSend = PendingAlert.Clear;
        await MoveAsync(to, actor, action, reason);
        if (!Watched) StopWatching();
        await SendAlertAsync();
    }

    private async Task MoveAsync(AgentStatus to, string actor, string action, string? reason)
    {
        var from = State.Status;
        State.Status = to;
        State.StatusReason = reason;
        if (to == AgentStatus.Offline) State.Draining = false;
        await SaveAsync(Writer.Change(actor, action, from, reason));
    }

    /// <summary>
    /// Writes this agent's changes; made on first use, once the activation knows its key. A failed write marks the state
    /// unsaved, so the deactivation it causes does not park a wake-up over state storage may not have, and hands the
    /// agent to <see cref="AgentRevival"/>, which brings it back so its silence is still noticed.
    /// </summary>
    private ChangeWriter<AgentState, AgentStatus> Writer => _writer ??= new(stored, recorder, clock, Entity, Row, () =>
    {
        _stateUnsaved = true;
        revival.Add(AgentId);
        DeactivateOnIdle();
    });

    private Task SaveAsync(EntityChange? change)
    {
        State.LastHeartbeat = _lastHeartbeat == default ? State.LastHeartbeat : _lastHeartbeat;
        return Writer.SaveAsync(change);
    }

    /// <summary>While watched, the row names this silo as host; it wakes the agent at a parked deadline or for an unsent alert.</summary>
    private CatalogEntry Row(long version)
    {
        var host = Watched && State.ParkedWakeAt is null ? _host : null;
        var wakeAt = State.ParkedWakeAt ?? (State.AlertToSend is null ? null : clock.Now + (2 * _timing.SweepInterval));
        return AgentCatalogRow.From(State, version, host, wakeAt);
    }

    private AgentStatus Apply(AgentTrigger trigger)
    {
        var t = AgentLifecycle.Transition(State.Status, trigger, State.CurrentTaskId is not null, State.Draining);
        if (!t.Allowed) throw HiveException.InvalidTransition($"Agent '{AgentId}': {t.Error}.", Entity);
        return t.To;
    }

    private void RequireRegistered()
    {
        if (State.Spec is null) throw HiveException.NotFound(Entity);
    }

    private void RequireReason(string reason) =>
        HiveText.Require(reason, $"Suspending agent '{AgentId}': the reason", Limits.MaxTextLength, Entity);

    private AgentInfo Snapshot() => new(State.Spec!, State.Status, State.Draining, State.CurrentTaskId, _load,
        _lastHeartbeat == default ? State.LastHeartbeat : _lastHeartbeat, State.RegisteredAt, State.StatusReason, State.Version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Agent {AgentId} could not hand its alert to the sink yet; it tries again shortly")]
    private static partial void LogAlertDeferred(ILogger logger, Exception exception, string agentId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Agent {AgentId} could not park its heartbeat deadline on deactivation")]
    private static partial void LogParkFailed(ILogger logger, Exception exception, string agentId);
}
