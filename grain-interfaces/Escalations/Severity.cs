namespace Hive.Escalations;

/// <summary>How bad it is, from the escalation template. A missed acknowledgement deadline raises it one tier.</summary>
public enum Severity
{
    Low = 0,
    Medium = 1,
    High = 2,
    Critical = 3,
}
