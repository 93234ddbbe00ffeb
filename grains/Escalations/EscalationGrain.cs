using Hive.Audit;
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
    ILogger<EscalationGrain> log) : Grain, IEscalationGrain
{
    private EscalationState State => stored.State;
    private string EscalationId => GrainKeys.IdOf(this.GetPrimaryKeyString());
    private string Entity => "escalation/" + EscalationId;
    private CatalogVersion _rowVersion;
    private IGrainTimer? _deadlineCheck;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        WatchDeadline();
        return Task.CompletedTask;
    }

    public async Task<EscalationInfo> Raise(EscalationSpec spec, string actor)
    {
        var valid = EscalationSpecRules.Validate(spec, EscalationId);
        HiveIds.Require(actor, "Actor");
        if (State.Spec is null)
        {
            State.Spec = valid;
            State.RaisedBy = actor;
            State.RaisedAt = clock.Now;
            await OpenAsync(valid.Severity, actor, "raised", null, valid.Description);
        }
        else if (!EscalationLifecycle.AwaitsAcknowledgement(State.Status) && EscalationLifecycle.Transition(State.Status, EscalationTrigger.Reopen).Allowed)
        {
            var from = State.Status;
            State.Spec = valid;
            State.Resolution = null;
            State.PostMortem = null;
            await OpenAsync(valid.Severity, actor, "reopened", from, valid.Description);
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

    public Task Wake() => State.Spec is null ? Task.CompletedTask : CheckDeadline(CancellationToken.None);

    private async Task OpenAsync(Severity severity, string actor, string action, EscalationStatus? from, string details)
    {
        State.Status = EscalationStatus.Open;
        State.Severity = severity;
        State.MissedDeadlines = 0;
        State.AcknowledgeBy = clock.Now + options.Value.AcknowledgeWithin(severity);
        State.LastNote = null;
        await SaveAsync(Change(actor, action, from?.ToString(), $"{severity}: {details}"));
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
        await SaveAsync(Change(actor, trigger.ToString().ToLowerInvariant(), from.ToString(), note));
        if (!EscalationLifecycle.AwaitsAcknowledgement(State.Status)) StopDeadlineWatch();
    }

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
        await SaveAsync(new AuditEvent(clock.Now, HiveStorage.SystemActor, Entity, "deadline-missed", from.ToString(), State.Severity.ToString(),
            $"not acknowledged by {due:O}; next deadline {State.AcknowledgeBy:O}"));
        await NotifySupportersAsync(from, due);
    }

    /// <summary>Tells every supporting agent that nobody took the escalation in time.</summary>
    private async Task NotifySupportersAsync(Severity from, DateTimeOffset missed)
    {
        var supporters = State.Spec!.SupportingAgents!;
        if (supporters.Count == 0) return;
        var subject = $"Escalation {EscalationId} not acknowledged: now {State.Severity.ToString().ToUpperInvariant()}";
        var body = $"'{State.Spec.Title}' was not acknowledged by {missed:O} and rose from {from} to {State.Severity}. "
            + $"Acknowledge it by {State.AcknowledgeBy:O}.\n\n{State.Spec.Description}";
        await Task.WhenAll(supporters.Select(agent => DeliverAsync(agent, subject, body)));
    }

    /// <summary>
    /// The hive itself is the sender, so this goes straight to the inbox. A full inbox does not stop the
    /// escalation: the raised tier is the durable effect, and the next missed deadline tries again.
    /// </summary>
    private async Task DeliverAsync(string agentId, string subject, string body)
    {
        var draft = MessageRules.Validate(new MessageDraft(HiveStorage.SystemActor, "escalation", subject,
            body.Length > MessageLimits.MaxBodyBytes / 4 ? body[..(MessageLimits.MaxBodyBytes / 4)] : body,
            To: agentId, CorrelationId: EscalationId));
        try
        {
            await GrainFactory.GetGrain<IInboxGrain>(GrainKeys.Inbox(agentId)).Deliver(MessageRules.ToMessage(draft, agentId, clock.Now));
        }
        catch (HiveException e) when (e.Code == HiveErrorCodes.InboxFull)
        {
            LogInboxFull(log, EscalationId, agentId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Escalation {EscalationId} could not notify {AgentId}: inbox full")]
    private static partial void LogInboxFull(ILogger logger, string escalationId, string agentId);

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

    private async Task SaveAsync(AuditEvent change)
    {
        State.Version++;
        State.UpdatedAt = clock.Now;
        // A failed write deactivates this activation, so the row version may count from this write already.
        _rowVersion.StateWritten();
        await recorder.SaveAsync(stored, EscalationCatalogRow.From(State, _rowVersion.For(State.Version)), change, DeactivateOnIdle);
    }

    private AuditEvent Change(string actor, string action, string? from, string? details) =>
        new(clock.Now, actor, Entity, action, from, State.Status.ToString(), details);

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
