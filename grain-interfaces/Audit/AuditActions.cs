namespace Hive.Audit;

/// <summary>
/// The <see cref="AuditEvent.Action"/> of every audit event the hive writes, one class per kind of entity, shared by the
/// grains that write them, the meter and any reader (the console, tests). The values are stored in the audit trail, so
/// they never change: a new wording is a new action.
/// </summary>
public static class AuditActions
{
    /// <summary>An entity finished long enough ago was purged: its state and listing went, its audit trail stays.</summary>
    public const string Purged = "purged";
}

/// <summary>Audit actions on <c>task/&lt;id&gt;</c>.</summary>
public static class TaskActions
{
    public const string Created = "created";
    public const string Restored = "restored";
    public const string Assigned = "assigned";

    /// <summary>An assigned task went back to the ready queue: its agent did not hold it, or did not take up a restored task.</summary>
    public const string Released = "released";
    public const string Started = "started";
    public const string Progress = "progress";
    public const string AwaitingApproval = "awaiting-approval";
    public const string Completed = "completed";

    /// <summary>A transient failure with attempts left: back to ready.</summary>
    public const string Retrying = "retrying";
    public const string Failed = "failed";

    /// <summary>One approval given; the event's status says whether it was the last one needed.</summary>
    public const string Approved = "approved";
    public const string Rejected = "rejected";
    public const string Cancelled = "cancelled";

    /// <summary>An operator gave a failed or cancelled task a fresh retry budget.</summary>
    public const string Retried = "retried";
    public const string PrerequisiteChanged = "prerequisite-changed";
    public const string Overdue = "overdue";
}

/// <summary>Audit actions on <c>agent/&lt;id&gt;</c>.</summary>
public static class AgentActions
{
    public const string Registered = "registered";
    public const string ReRegistered = "re-registered";
    public const string SpecUpdated = "spec-updated";
    public const string Restored = "restored";

    /// <summary>A heartbeat that changed the status, or the first one of a restored agent.</summary>
    public const string Heartbeat = "heartbeat";
    public const string MissedHeartbeat = "missed-heartbeat";

    /// <summary>Deregistered while holding a task: it finishes that task, takes no other, and then goes offline.</summary>
    public const string Draining = "draining";
    public const string Deregistered = "deregistered";
    public const string Suspended = "suspended";
    public const string Resumed = "resumed";
    public const string TaskClaimed = "task-claimed";
    public const string TaskRestored = "task-restored";
    public const string TaskReleased = "task-released";
}

/// <summary>Audit actions on <c>escalation/&lt;id&gt;</c>.</summary>
public static class EscalationActions
{
    public const string Raised = "raised";
    public const string Reopened = "reopened";
    public const string Acknowledge = "acknowledge";
    public const string Mitigate = "mitigate";
    public const string Resolve = "resolve";
    public const string Close = "close";

    /// <summary>Nobody acknowledged it in time: the severity rose a tier (the event's from and to are severities, not statuses).</summary>
    public const string DeadlineMissed = "deadline-missed";
}

/// <summary>Audit actions on <c>hive/health</c>.</summary>
public static class HealthActions
{
    /// <summary>Details read "pinned at &lt;Level&gt;: &lt;reason&gt;".</summary>
    public const string LevelPinned = "level-pinned";
    public const string LevelUnpinned = "level-unpinned";
    public const string LevelEvaluated = "level-evaluated";
    public const string Halted = "halted";
    public const string Resumed = "resumed";
}

/// <summary>Audit actions on <c>security/revocations</c>.</summary>
public static class TokenActions
{
    /// <summary>A credential was revoked; details name the token id and until when it is refused.</summary>
    public const string Revoked = "revoked";
}
