namespace Hive.Common;

/// <summary>
/// What a change adds to the meter once it is stored. The grain that makes the change says so, alongside its audit
/// event; <see cref="ChangeRecorder"/> records it only after the write succeeded, and never reads the action to decide.
/// </summary>
public enum ChangeMetric
{
    /// <summary>Nothing: most changes are counted by the gauges of entities by status alone.</summary>
    None,

    /// <summary>A task moved from one status to another (or was created): <c>hive.tasks.transitions</c> by the event's from and to.</summary>
    TaskTransition,

    /// <summary>An escalation was raised, reopened or raised a tier: <c>hive.escalations.raised</c> by its severity now.</summary>
    EscalationRaised,
}
