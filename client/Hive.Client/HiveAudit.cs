using Hive.Audit;
using Hive.Catalog;

namespace Hive.Client;

/// <summary>The audit trail: who changed what, when, from which state to which. Newest first.</summary>
public sealed class HiveAudit(IClusterClient cluster, HiveCalls calls)
{
    public Task<Page<AuditEvent>> QueryAsync(AuditQuery? query = null) =>
        calls.Run(() => cluster.GetGrain<IHiveQueryGrain>(0).ReadAudit(query ?? new AuditQuery()), ("query", query));
}
