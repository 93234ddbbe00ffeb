namespace Hive.Escalations;

/// <summary>The outcome of asking the escalation lifecycle for a transition: the new status, or why not.</summary>
public readonly record struct EscalationTransition(bool Allowed, EscalationStatus To, string? Error)
{
    public static EscalationTransition Move(EscalationStatus to) => new(true, to, null);
    public static EscalationTransition Deny(string error) => new(false, default, error);
}

/// <summary>The escalation status machine, pure so it can be table-tested.</summary>
public static class EscalationLifecycle
{
    public static EscalationTransition Transition(EscalationStatus from, EscalationTrigger trigger) => (trigger, from) switch
    {
        (EscalationTrigger.Acknowledge, EscalationStatus.Open) => EscalationTransition.Move(EscalationStatus.Acknowledged),
        (EscalationTrigger.Mitigate, EscalationStatus.Open or EscalationStatus.Acknowledged) => EscalationTransition.Move(EscalationStatus.Mitigating),
        (EscalationTrigger.Resolve, EscalationStatus.Open or EscalationStatus.Acknowledged or EscalationStatus.Mitigating) =>
            EscalationTransition.Move(EscalationStatus.Resolved),
        (EscalationTrigger.Close, EscalationStatus.Resolved) => EscalationTransition.Move(EscalationStatus.Closed),
        (EscalationTrigger.Reopen, EscalationStatus.Resolved or EscalationStatus.Closed) => EscalationTransition.Move(EscalationStatus.Open),
        (EscalationTrigger.Close, _) => EscalationTransition.Deny($"only a resolved escalation can be closed; this one is {from}"),
        _ => EscalationTransition.Deny($"an escalation that is {from} cannot be {Past(trigger)}"),
    };

    /// <summary>Where a raised escalation starts: open, its acknowledgement deadline running. A reopened one starts there again.</summary>
    public static EscalationStatus Initial => EscalationStatus.Open;

    /// <summary>Severity one tier up; critical stays critical.</summary>
    public static Severity RaiseTier(Severity severity) => severity == Severity.Critical ? Severity.Critical : severity + 1;

    /// <summary>Statuses in which nobody has taken the escalation yet, so its acknowledgement deadline runs.</summary>
    public static bool AwaitsAcknowledgement(EscalationStatus status) => status == EscalationStatus.Open;

    private static string Past(EscalationTrigger trigger) => trigger switch
    {
        EscalationTrigger.Acknowledge => "acknowledged",
        EscalationTrigger.Mitigate => "mitigated",
        EscalationTrigger.Resolve => "resolved",
        EscalationTrigger.Reopen => "reopened",
        _ => trigger.ToString().ToLowerInvariant(),
    };
}
