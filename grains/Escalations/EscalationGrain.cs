using Hive.Agents;
using Hive.Audit;
using Hive.Deadlines;
using Hive.Messaging;
using Microsoft.Extensions.Options;

namespace Hive.Escalations;

/// <summary>
/// One escalation. While open, a keep-alive timer watches the acknowledgement deadline, and the catalog row
/// carries it as a wake-up so the sweeper still fires it after the activation is lost. Each missed deadline
/// raises the severity one tier, messages the supporting agents, and starts the next tier's deadline.
/// </summary>
public sealed partial class EscalationGrain(
    [PersistentState("escalation", HiveStorage.Name)] IPersistentState<EscalationState> stored,
    HiveClock clock,
    IOptions<HiveTimingOptions> timing,
    IOptions<EscalationOptions> options,
    ChangeRecorder recorder,
    ILogger<EscalationGrain> log) : Grain, IEscalationGrain, IWakeableGrain
{
    private static readonly TimeSpan NoticeRetry = TimeSpan.FromSeconds(1);
    private EscalationState State => stored.State;
    private string EscalationId => GrainKeys.IdOf(this.GetPrimaryKeyString());
    private string Entity => "escalation/" + EscalationId;
    private ChangeWriter<EscalationState, EscalationStatus>? _writer;
    private IGrainTimer? _deadlineCheck;

    /// <summary>
    /// Writes this escalation's changes; made on first use, once the activation knows its key. The row wakes it for a
    /// pending tier notice soon, should the activation be lost.
    /// </summary>
    private ChangeWriter<EscalationState, EscalationStatus> Writer => _writer ??= new(stored, recorder, clock, Entity,
        version => EscalationCatalogRow.From(State, version, clock.Now + (2 * timing.Value.SweepInterval)), DeactivateOnIdle);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        WatchDeadline();
        if (State.NoticeToSend is not null) RetryNoticesSoon(TimeSpan.Zero);
        return Task.CompletedTask;
    }

    public async Task<EscalationInfo> Raise(EscalationSpec spec, string actor)
    {
        var valid = EscalationSpecRules.Validate(spec, EscalationId);
        HiveIds.Require(actor, "Actor");
        if (AlertKeys.IsReserved(EscalationId) && actor != HiveStorage.SystemActor)
            throw HiveException.Forbidden($"Escalation id '{EscalationId}' is reserved for the alerts the hive raises by itself; choose another id.", Entity);
        if (State.Spec is null)
        {
            State.Spec = valid;
            State.RaisedBy = actor;
            State.RaisedAt = clock.Now;
            await OpenAsync(null, EscalationLifecycle.Initial, valid.Severity, actor, EscalationActions.Raised, valid.Description);
        }
        // Raising an open, acknowledged or mitigating escalation again changes nothing; a resolved or closed one reopens.
        else if (EscalationLifecycle.Transition(State.Status, EscalationTrigger.Reopen) is { Allowed: true } reopen)
        {
            var from = State.Status;
            State.Spec = valid;
            State.Resolution = null;
            State.PostMortem = null;
            await OpenAsync(from, reopen.To, valid.Severity, actor, EscalationActions.Reopened, valid.Description);
        }
        return Snapshot();
    }

    public async Task<EscalationInfo> Acknowledge(string actor, string? note)
    {
        Note(note, required: false);
        await MoveAsync(EscalationTrigger.Acknowledge, actor, note);
        return Snapshot();
    }

    public async Task<EscalationInfo> Mitigate(string actor, string note)
    {
        Note(note, required: true);
        await MoveAsync(EscalationTrigger.Mitigate, actor, note);
        return Snapshot();
    }

    public async Task<EscalationInfo> Resolve(string actor, string resolution)
    {
        Note(resolution, required: true);
        await MoveAsync(EscalationTrigger.Resolve, actor, resolution, () => State.Resolution = resolution);
        return Snapshot();
    }

    public async Task<EscalationInfo> Close(string actor, string postMortem)
    {
        Note(postMortem, required: true);
        await MoveAsync(EscalationTrigger.Close, actor, postMortem, () => State.PostMortem = postMortem);
        return Snapshot();
    }

    public Task<EscalationInfo> Get()
    {
        RequireExists();
        return Task.FromResult(Snapshot());
    }

    public async Task Wake()
    {
        if (State.Spec is null) return;
        await CheckDeadline(CancellationToken.None);
        await SendNoticesAsync();
    }

    /// <summary>Opens the escalation at <paramref name="to"/>, the lifecycle's answer to a raise or reopen, with a fresh deadline.</summary>
    private async Task OpenAsync(EscalationStatus? from, EscalationStatus to, Severity severity, string actor, string action, string details)
    {
        State.Status = to;
        State.Severity = severity;
        State.MissedDeadlines = 0;
        State.AcknowledgeBy = clock.Now + options.Value.AcknowledgeWithin(severity);
        State.LastNote = null;
        await Writer.SaveAsync(Writer.Change(actor, action, from, $"{severity}: {details}", ChangeMetric.EscalationRaised));
        WatchDeadline();
    }

    private async Task MoveAsync(EscalationTrigger trigger, string actor, string? note, Action? apply = null)
    {
        HiveIds.Require(actor, "Actor");
        RequireExists();
        var t = EscalationLifecycle.Transition(State.Status, trigger);
        if (!t.Allowed) throw HiveException.InvalidTransition($"Escalation '{EscalationId}': {t.Error}.", Entity);
        apply?.Invoke();
        var from = State.Status;
        State.Status = t.To;
        State.LastNote = note;
        await Writer.SaveAsync(Writer.Change(actor, ActionOf(trigger), from, note));
        if (!EscalationLifecycle.AwaitsAcknowledgement(State.Status)) StopDeadlineWatch();
    }

    private static string ActionOf(EscalationTrigger trigger) => trigger switch
    {
        EscalationTrigger.Acknowledge => EscalationActions.Acknowledge,
        EscalationTrigger.Mitigate => EscalationActions.Mitigate,
        EscalationTrigger.Resolve => EscalationActions.Resolve,
        EscalationTrigger.Close => EscalationActions.Close,
        // A reopen comes through Raise, which writes EscalationActions.Reopened itself.
        _ => throw new ArgumentOutOfRangeException(nameof(trigger), trigger, null),
    };

    private async Task CheckDeadline(CancellationToken cancellationToken)
    {
        if (!EscalationLifecycle.AwaitsAcknowledgement(State.Status) || State.AcknowledgeBy is not { } due)
        {
            StopDeadlineWatch();
            return;
        }
        if (clock.Now <= due) return;
        var from = State.Severity;
        State.Severity = EscalationLifecycle.RaiseTier(from);
        State.MissedDeadlines++;
        State.AcknowledgeBy = clock.Now + options.Value.AcknowledgeWithin(State.Severity);
        // A notice still pending from an earlier tier is replaced: the agents are told the current tier.
        State.NoticeToSend = State.Spec!.SupportingAgents!.Count == 0 ? null : new TierNotice
        {
            From = from, To = State.Severity, Missed = due, AcknowledgeBy = State.AcknowledgeBy.Value, Remaining = [.. State.Spec.SupportingAgents],
        };
        await Writer.SaveAsync(Writer.Change(HiveStorage.SystemActor, EscalationActions.DeadlineMissed, from.ToString(), State.Severity.ToString(),
            $"not acknowledged by {due:O}; next deadline {State.AcknowledgeBy:O}", ChangeMetric.EscalationRaised));
        await SendNoticesAsync();
    }

    /// <summary>
    /// Tells every supporting agent still on the notice that nobody took the escalation in time. One agent's failure
    /// does not stop the others; those that failed stay on the notice and are tried again a second later.
    /// </summary>
    private async Task SendNoticesAsync()
    {
        if (State.NoticeToSend is not { } notice) return;
        var told = await Task.WhenAll(notice.Remaining.Select(agent => TellAsync(agent, notice)));
        var left = notice.Remaining.Where((_, i) => !told[i]).ToList();
        if (left.Count > 0 && left.Count == notice.Remaining.Count)
        {
            RetryNoticesSoon(NoticeRetry);
            return;
        }
        notice.Remaining = left;
        if (left.Count == 0) State.NoticeToSend = null;
        try
        {
            // Who has been told is delivery bookkeeping, not a change of the escalation.
            await Writer.SaveBookkeepingAsync();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The notice stays as stored; the next activation tells the agents again (at least once).
            LogNoticesDeferred(log, e, EscalationId);
            return;
        }
        if (left.Count > 0) RetryNoticesSoon(NoticeRetry);
    }

    private void RetryNoticesSoon(TimeSpan due) =>
        this.RegisterGrainTimer(static (self, _) => self.SendNoticesAsync(), this, new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan));

    /// <summary>
    /// The hive itself is the sender, so this goes straight to the inbox, and only to a registered agent that is not
    /// offline: a notice for an unknown or departed id is dropped, not stored. A full inbox does not hold up the escalation
    /// either: the raised tier is the durable effect, and the next missed deadline tries again. True when done with the agent.
    /// </summary>
    private async Task<bool> TellAsync(string agentId, TierNotice notice)
    {
        try
        {
            var agent = await GrainFactory.GetGrain<IAgentGrain>(GrainKeys.Agent(agentId)).Get();
            if (agent.Status == AgentStatus.Offline)
            {
                LogNotTold(log, EscalationId, agentId, "offline");
                return true;
            }
            await GrainFactory.GetGrain<IInboxDeliveryGrain>(GrainKeys.Inbox(agentId)).Deliver(NoticeFor(agentId, notice));
            return true;
        }
        catch (HiveException e) when (e.Code is HiveErrorCodes.NotFound or HiveErrorCodes.InboxFull)
        {
            LogNotTold(log, EscalationId, agentId, e.Code);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogNoticesDeferred(log, e, EscalationId);
            return false;
        }
    }

    private Message NoticeFor(string agentId, TierNotice notice)
    {
        var subject = $"Escalation {EscalationId} not acknowledged: now {notice.To.ToString().ToUpperInvariant()}";
        var body = $"'{State.Spec!.Title}' was not acknowledged by {notice.Missed:O} and rose from {notice.From} to {notice.To}. "
            + $"Acknowledge it by {notice.AcknowledgeBy:O}.\n\n{State.Spec.Description}";
        var draft = MessageRules.Validate(new MessageDraft(HiveStorage.SystemActor, "escalation", subject,
            body.Length > MessageLimits.MaxBodyBytes / 4 ? body[..(MessageLimits.MaxBodyBytes / 4)] : body,
            To: agentId, CorrelationId: EscalationId));
        return MessageRules.ToMessage(draft, agentId, clock.Now);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Escalation {EscalationId} did not notify {AgentId}: {Reason}")]
    private static partial void LogNotTold(ILogger logger, string escalationId, string agentId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Escalation {EscalationId} could not deliver its tier notices yet; retrying")]
    private static partial void LogNoticesDeferred(ILogger logger, Exception exception, string escalationId);

    private void WatchDeadline()
    {
        if (_deadlineCheck is not null || State.Spec is null || !EscalationLifecycle.AwaitsAcknowledgement(State.Status)) return;
        var every = timing.Value.CheckInterval;
        _deadlineCheck = this.RegisterGrainTimer(CheckDeadline, new GrainTimerCreationOptions(every, every) { KeepAlive = true });
    }

    private void StopDeadlineWatch()
    {
        _deadlineCheck?.Dispose();
        _deadlineCheck = null;
    }

    private void RequireExists()
    {
        if (State.Spec is null) throw HiveException.NotFound(Entity);
    }

    /// <summary>An optional note may be left out (null), but when given it must not be blank.</summary>
    private void Note(string? note, bool required)
    {
        if (note is null && !required) return;
        HiveText.Require(note, "A note", Limits.MaxTextLength, Entity);
    }

    private EscalationInfo Snapshot() => new(State.Spec!, State.Status, State.Severity, State.AcknowledgeBy, State.MissedDeadlines,
        State.Resolution, State.PostMortem, State.RaisedBy, State.RaisedAt, State.UpdatedAt, State.LastNote, State.Version);
}
