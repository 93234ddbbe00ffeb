using Hive.Agents;
using Hive.Audit;
using Hive.Escalations;
using Hive.Ports;
using Microsoft.Extensions.Options;

namespace Hive.Health;

/// <summary>
/// Evaluates the silos' signals and the share of unresponsive agents on a keep-alive timer. Degrades at once,
/// recovers one level per <see cref="HealthOptions.RecoveryEvaluations"/> healthy evaluations, honours an
/// operator's pin, and holds the halt switch. Level changes and halts are audited and raised as escalations.
/// </summary>
public sealed partial class HiveHealthGrain(
    [PersistentState("hive-health", HiveStorage.Name)] IPersistentState<HiveHealthState> stored,
    HiveClock clock,
    IOptions<HealthOptions> options,
    IEntityCatalog catalog,
    ChangeRecorder recorder,
    IAlertSink alerts,
    ILogger<HiveHealthGrain> log) : Grain, IHiveHealthGrain, ISiloSignalsGrain
{
    private static readonly TimeSpan OutboxRetry = TimeSpan.FromSeconds(1);
    private const string Entity = "hive/health";
    private const string LevelAlert = AlertKeys.ServiceLevel;
    private const string HaltAlert = AlertKeys.Halted;
    private readonly HealthOptions _options = options.Value;
    private readonly Dictionary<string, (SiloSignals Signals, DateTimeOffset ReceivedAt)> _signals = new(StringComparer.Ordinal);
    private int _healthyStreak;
    private HiveHealthState State => stored.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A forged key's activation only lives to be refused by the credential filter; it must not evaluate anything.
        if (!SingletonKey.IsOwn(this)) return Task.CompletedTask;
        var every = _options.EvaluationInterval;
        this.RegisterGrainTimer(static (self, _) => self.Evaluate(), this, new GrainTimerCreationOptions(every, every) { KeepAlive = true });
        if (State.HasOutbox) RetryOutboxSoon(TimeSpan.Zero);
        return Task.CompletedTask;
    }

    public Task<HiveHealthStatus> GetStatus() => Task.FromResult(Snapshot());

    public Task ReportSignals(SiloSignals signals)
    {
        _signals[SiloSignalRules.Validate(signals).Silo] = (signals, clock.Now);
        return Task.CompletedTask;
    }

    public async Task<HiveHealthStatus> Pin(ServiceLevel level, string actor, string reason)
    {
        HiveIds.Require(actor, "Actor");
        RequireReason(reason);
        if (!Enum.IsDefined(level)) throw HiveException.Validation($"Service level {(int)level} is not one of full, reduced, essential, emergency.", Entity);
        var before = State.Effective;
        State.Pinned = level;
        State.PinnedBy = actor;
        await SaveAsync(actor, HealthActions.LevelPinned, before, $"pinned at {level}: {reason}");
        return Snapshot();
    }

    public async Task<HiveHealthStatus> Unpin(string actor)
    {
        HiveIds.Require(actor, "Actor");
        if (State.Pinned is null) throw HiveException.InvalidTransition("The service level is not pinned.", Entity);
        var before = State.Effective;
        State.Pinned = null;
        State.PinnedBy = null;
        await SaveAsync(actor, HealthActions.LevelUnpinned, before, $"back to the evaluated level {State.Evaluated}");
        return Snapshot();
    }

    public async Task<HiveHealthStatus> Halt(string actor, string reason)
    {
        HiveIds.Require(actor, "Actor");
        RequireReason(reason);
        await RequireMayHaltAsync(actor);
        if (State.Halted) throw HiveException.InvalidTransition($"The hive is already halted by {State.HaltedBy}: {State.HaltReason}.", Entity);
        State.Halted = true;
        State.HaltedBy = actor;
        State.HaltReason = reason;
        State.HaltAlert = PendingAlert.Raise;
        State.HaltAlertText = $"{actor} halted every task and memory change: {reason}";
        await SaveAsync(actor, HealthActions.Halted, State.Effective, reason);
        return Snapshot();
    }

    public async Task<HiveHealthStatus> Resume(string actor)
    {
        HiveIds.Require(actor, "Actor");
        await RequireMayHaltAsync(actor);
        if (!State.Halted) throw HiveException.InvalidTransition("The hive is not halted.", Entity);
        var haltedBy = State.HaltedBy;
        State.Halted = false;
        State.HaltedBy = null;
        State.HaltReason = null;
        State.HaltAlert = PendingAlert.Clear;
        State.HaltAlertText = $"{actor} resumed the hive.";
        await SaveAsync(actor, HealthActions.Resumed, State.Effective, $"halt by {haltedBy} lifted");
        return Snapshot();
    }

    public async Task<HiveHealthStatus> Evaluate()
    {
        var fresh = clock.Now - (_options.EvaluationInterval * _options.SignalMaxAgeIntervals);
        foreach (var stale in _signals.Where(s => s.Value.ReceivedAt < fresh).Select(s => s.Key).ToArray()) _signals.Remove(stale);
        var (indicated, reason) = ServiceLevelPolicy.Indicated(_signals.Values.Select(s => s.Signals), await UnresponsiveShareAsync(), _options);
        var (next, streak) = ServiceLevelPolicy.Next(State.Evaluated, indicated, _healthyStreak, _options.RecoveryEvaluations);
        _healthyStreak = streak;
        if (next != State.Evaluated)
        {
            var before = State.Effective;
            // Degrading or recovering is about the evaluated level; a pin above or below it does not change which.
            State.Reason = next > State.Evaluated ? reason : $"recovering: {reason}";
            State.Evaluated = next;
            await SaveAsync(HiveStorage.SystemActor, HealthActions.LevelEvaluated, before, State.Reason);
        }
        return Snapshot();
    }

    private async Task<double?> UnresponsiveShareAsync()
    {
        var counts = await catalog.CountByStatusAsync(EntityKind.Agent);
        var live = counts.Where(c => c.Key != nameof(AgentStatus.Offline)).Sum(c => c.Value);
        return live == 0 ? null : (double)counts.GetValueOrDefault(nameof(AgentStatus.Unresponsive)) / live;
    }

    /// <summary>
    /// Persists the change with its audit event and, when the effective level moved, the level alert as an outbox entry
    /// (all in one write), then hands the outbox to the alert sink. A sink failure does not fail the caller: the change
    /// happened, and the outbox is retried until the sink took it.
    /// </summary>
    private async Task SaveAsync(string actor, string action, ServiceLevel before, string details)
    {
        State.Version++;
        State.UpdatedAt = clock.Now;
        if (State.Effective != before)
        {
            State.LevelAlertSince ??= before;
            State.LevelAlertDetails = details;
        }
        await recorder.SaveAsync(stored, null, new AuditEvent(clock.Now, actor, Entity, action, before.ToString(), State.Effective.ToString(), details),
            DeactivateOnIdle);
        await DeliverOutboxAsync();
    }

    private async Task DeliverOutboxAsync()
    {
        try
        {
            await FlushOutboxAsync();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogOutboxDeferred(log, e);
            RetryOutboxSoon(OutboxRetry);
        }
    }

    private void RetryOutboxSoon(TimeSpan due) =>
        this.RegisterGrainTimer(static (self, _) => self.DeliverOutboxAsync(), this, new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan));

    /// <summary>Hands each pending alert to the sink (a repeat is a no-op there), then stores the emptied outbox.</summary>
    private async Task FlushOutboxAsync()
    {
        if (!State.HasOutbox) return;
        if (State.HaltAlert is { } halt)
        {
            await (halt == PendingAlert.Raise
                ? alerts.RaiseAsync(new HiveAlert(HaltAlert, AlertKind.HiveHalted, Entity, "HIGH", "The hive is halted", State.HaltAlertText!, clock.Now))
                : alerts.ClearAsync(HaltAlert, State.HaltAlertText!));
        }
        if (State.LevelAlertSince is { } since) await AnnounceLevelAsync(since, State.Effective, State.LevelAlertDetails!);
        State.HaltAlert = null;
        State.HaltAlertText = null;
        State.LevelAlertSince = null;
        State.LevelAlertDetails = null;
        await recorder.SaveAsync(stored, null, null, DeactivateOnIdle);
    }

    /// <summary>Raises or resolves the service-level escalation for a move of the effective level.</summary>
    private async Task AnnounceLevelAsync(ServiceLevel before, ServiceLevel after, string details)
    {
        if (after == ServiceLevel.Full)
        {
            await alerts.ClearAsync(LevelAlert, $"The hive is back at full service ({details}).");
            return;
        }
        // A new level is a new problem: resolve the old escalation first so the new one carries the current severity.
        await alerts.ClearAsync(LevelAlert, $"The hive moved from {before} to {after}.");
        await alerts.RaiseAsync(new HiveAlert(LevelAlert, AlertKind.ServiceDegraded, Entity, SeverityOf(after),
            $"The hive runs at {after} service", $"{details}. The hive now accepts {OperationRules.Describe(after)}.", clock.Now));
    }

    private async Task RequireMayHaltAsync(string actor)
    {
        if (actor.StartsWith("operator:", StringComparison.Ordinal)) return;
        AgentInfo agent;
        try
        {
            agent = await GrainFactory.GetGrain<IAgentGrain>(GrainKeys.Agent(actor)).Get();
        }
        catch (HiveException e) when (e.Code == HiveErrorCodes.NotFound)
        {
            throw HiveException.Forbidden($"'{actor}' is neither an operator (operator:<name>) nor a registered agent, so it may not halt the hive.", Entity);
        }
        if (agent.Status == AgentStatus.Offline)
            throw HiveException.Forbidden($"Agent '{actor}' is offline, so it may not halt or resume the hive.", Entity);
        var allowed = _options.EffectiveHaltRoles;
        if (!agent.Spec.Roles.Intersect(allowed, StringComparer.Ordinal).Any())
            throw HiveException.Forbidden($"Agent '{actor}' may not halt or resume the hive: that takes one of the roles {string.Join(", ", allowed)}.", Entity);
    }

    private static string SeverityOf(ServiceLevel level) => level switch
    {
        ServiceLevel.Emergency => "CRITICAL",
        ServiceLevel.Essential => "HIGH",
        _ => "MEDIUM",
    };

    private static void RequireReason(string reason) => HiveText.Require(reason, "A reason", Limits.MaxTextLength, Entity);

    private HiveHealthStatus Snapshot() => new(State.Effective, State.Evaluated, State.Pinned, State.PinnedBy, State.Halted,
        State.HaltedBy, State.HaltReason, State.Reason, State.UpdatedAt, State.Version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The health grain could not hand its alerts to the sink yet; retrying")]
    private static partial void LogOutboxDeferred(ILogger logger, Exception exception);
}
