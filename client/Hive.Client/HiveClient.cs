using Hive.Catalog;
using Hive.Security;

namespace Hive.Client;

/// <summary>
/// The whole hive as a service author sees it. Every method either succeeds or throws a
/// <see cref="HiveException"/> with a stable <see cref="HiveException.Code"/>; grains and keys stay hidden.
/// </summary>
public sealed class HiveClient(IClusterClient cluster, HiveCalls calls)
{
    /// <summary>A client with the default caller id and retry settings.</summary>
    public HiveClient(IClusterClient cluster) : this(cluster, new HiveCalls()) { }

    /// <summary>Register agents, send heartbeats, claim tasks, operate on agents.</summary>
    public HiveAgents Agents { get; } = new(cluster, calls);

    /// <summary>Create tasks, report progress, complete, approve, cancel, retry and list them.</summary>
    public HiveTasks Tasks { get; } = new(cluster, calls);

    /// <summary>Send messages between agents; receive, ack and size an agent's inbox.</summary>
    public HiveMessages Messages { get; } = new(cluster, calls);

    /// <summary>Raise escalations and carry them through their lifecycle.</summary>
    public HiveEscalations Escalations { get; } = new(cluster, calls);

    /// <summary>Read the service level; pin it; halt and resume the hive.</summary>
    public HiveHealth Health { get; } = new(cluster, calls);

    /// <summary>Read the audit trail.</summary>
    public HiveAudit Audit { get; } = new(cluster, calls);

    /// <summary>Shared memory: versioned JSON values by namespace, channel and key; listings; watch streams.</summary>
    public HiveMemory Memory { get; } = new(cluster, calls);

    /// <summary>
    /// The limits the hive is configured with (the largest memory value, say), so a batch of writes can be checked
    /// against what the hive will accept before the first is made.
    /// </summary>
    public Task<ConfiguredLimits> GetLimitsAsync() => calls.Run(() => cluster.GetGrain<IHiveQueryGrain>(0).GetLimits());

    /// <summary>
    /// Revokes the credential with token id <paramref name="tokenId"/> (an operator with scope <c>tokens</c>, acting as
    /// <paramref name="actor"/>); every silo refuses it from its next refresh. See <see cref="ITokenRevocationGrain.Revoke"/>.
    /// </summary>
    public Task RevokeCredentialAsync(string tokenId, DateTimeOffset? expiresAt, string actor) =>
        calls.Run(() => cluster.GetGrain<ITokenRevocationGrain>(0).Revoke(tokenId, expiresAt, actor), ("tokenId", tokenId), ("actor", actor));
}
