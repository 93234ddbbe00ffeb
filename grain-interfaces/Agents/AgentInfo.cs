namespace Hive.Agents;

/// <summary>A snapshot of an agent as the hive sees it now.</summary>
[GenerateSerializer, Immutable, Alias("hive.agent-info.v1")]
public sealed record AgentInfo(
    [property: Id(0)] AgentSpec Spec,
    [property: Id(1)] AgentStatus Status,
    [property: Id(2)] bool Draining,
    [property: Id(3)] string? CurrentTaskId,
    [property: Id(4)] double Load,
    [property: Id(5)] DateTimeOffset? LastHeartbeat,
    [property: Id(6)] DateTimeOffset RegisteredAt,
    [property: Id(7)] string? StatusReason,
    [property: Id(8)] long Version)
{
    public string Id => Spec.Id;
}
