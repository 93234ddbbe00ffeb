using Hive.Health;

namespace Hive.Console.Top;

/// <summary>What one refresh of <c>hive top</c> shows: the hive at <see cref="At"/>, or why it could not be read.</summary>
internal sealed record TopFrame(
    DateTimeOffset At,
    HiveHealthStatus? Health,
    IReadOnlyList<AgentSummary> Agents,
    IReadOnlyList<TaskSummary> TasksInFlight,
    IReadOnlyList<EscalationSummary> OpenEscalations,
    string? Problem)
{
    public bool Reachable => Problem is null;

    public static TopFrame Unreachable(DateTimeOffset at, string reason) => new(at, null, [], [], [], reason);
}
