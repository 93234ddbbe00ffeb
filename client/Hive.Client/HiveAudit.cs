using Hive.Audit;
using Hive.Catalog;

namespace Hive.Client;

/// <summary>The audit trail: who changed what, when, from which state to which. Newest first.</summary>
public sealed class HiveAudit(IClusterClient cluster)
{
    public Task<Page<AuditEvent>> QueryAsync(AuditQuery? query = null) =>
        cluster.GetGrain<IHiveQueryGrain>(0).ReadAudit(query ?? new AuditQuery());
}
