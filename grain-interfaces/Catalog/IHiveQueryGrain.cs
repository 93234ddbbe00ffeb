using Hive.Agents;
using Hive.Audit;
using Hive.Common;
using Hive.Escalations;
using Hive.Tasks;

namespace Hive.Catalog;

/// <summary>Read-only listings served from the catalog and the audit trail, never by asking every grain.</summary>
public interface IHiveQueryGrain : IGrainWithIntegerKey
{
    /// <summary>Agents matching the filter, ordered by id, one page at a time.</summary>
    Task<Page<AgentSummary>> ListAgents(AgentQuery query);

    /// <summary>Tasks matching the filter, ordered by id, one page at a time.</summary>
    Task<Page<TaskSummary>> ListTasks(TaskQuery query);

    /// <summary>Escalations matching the filter (status, current severity), ordered by id, one page at a time.</summary>
    Task<Page<EscalationSummary>> ListEscalations(EscalationQuery query);

    /// <summary>Audit events matching the filter, newest first, one page at a time.</summary>
    Task<Page<AuditEvent>> ReadAudit(AuditQuery query);
}
