namespace Hive.Ports;

/// <summary>What went wrong by itself (no caller to answer): an agent went silent, a task ran past its budget.</summary>
public enum AlertKind
{
    AgentUnresponsive = 0,
    TaskOverdue = 1,
    ServiceDegraded = 2,
    HiveHalted = 3,
}

/// <summary>
/// A problem the hive noticed. <see cref="Key"/> identifies the cause (for example <c>agent-unresponsive/a1</c>):
/// raising the same key twice is one problem, and clearing it resolves it.
/// </summary>
public sealed record HiveAlert(
    string Key,
    AlertKind Kind,
    string Entity,
    string Severity,
    string Title,
    string Description,
    DateTimeOffset RaisedAt);
