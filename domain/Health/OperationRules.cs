namespace Hive.Health;

/// <summary>Which operations each service level accepts. Operators can always steer; the audit trail always runs.</summary>
public static class OperationRules
{
    public static bool Allows(ServiceLevel level, OperationKind kind) => level switch
    {
        ServiceLevel.Full or ServiceLevel.Reduced => true,
        ServiceLevel.Essential => kind is OperationKind.Read or OperationKind.Heartbeat or OperationKind.TaskStatusUpdate
            or OperationKind.Escalation or OperationKind.OperatorCommand,
        _ => kind is OperationKind.Read or OperationKind.Heartbeat or OperationKind.Escalation or OperationKind.OperatorCommand,
    };

    /// <summary>What a level accepts, in words, for error messages and docs/service-levels.md.</summary>
    public static string Describe(ServiceLevel level) => level switch
    {
        ServiceLevel.Full => "everything",
        ServiceLevel.Reduced => "everything, at lower rate limits, with background work paused",
        ServiceLevel.Essential => "reads, heartbeats, task status updates, escalations and operator commands",
        _ => "reads, heartbeats, escalations and operator commands",
    };
}
