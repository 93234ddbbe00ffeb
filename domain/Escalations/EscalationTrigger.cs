namespace Hive.Escalations;

/// <summary>What can happen to an escalation.</summary>
public enum EscalationTrigger
{
    Acknowledge,
    Mitigate,
    Resolve,
    Close,
    Reopen,
}
