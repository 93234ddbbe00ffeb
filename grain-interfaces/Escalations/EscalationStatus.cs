namespace Hive.Escalations;

/// <summary>Where an escalation is in its life: open → acknowledged → mitigating → resolved → closed.</summary>
public enum EscalationStatus
{
    Open = 0,
    Acknowledged = 1,
    Mitigating = 2,
    Resolved = 3,
    Closed = 4,
}
