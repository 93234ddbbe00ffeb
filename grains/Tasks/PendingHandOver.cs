namespace Hive.Tasks;

/// <summary>
/// A restored task's outbox entry: the agent still to be told that it holds the task, and the actor who restored it.
/// It commits with the task's own write, so the agent hears of the task only once the task exists; a repeat is a no-op.
/// </summary>
[GenerateSerializer, Immutable, Alias("hive.pending-hand-over.v1")]
public sealed record PendingHandOver([property: Id(0)] string AgentId, [property: Id(1)] string Actor);
