using Hive.Audit;

namespace Hive.Retention;

/// <summary>The audit event a purge leaves behind, so the trail says why the entity is no longer there.</summary>
internal static class PurgeEvent
{
    public static AuditEvent Of(DateTimeOffset now, string entity, string status, DateTimeOffset lastChanged) =>
        new(now, HiveStorage.SystemActor, entity, AuditActions.Purged, status, null,
            $"{status} since {lastChanged:O}, longer than the retention period: state and listing removed, audit trail kept");
}
