using Hive.Agents;
using Hive.Audit;
using Hive.Common;
using Hive.Escalations;
using Hive.Health;
using Hive.Memory;
using Hive.Security;
using Hive.Tasks;

namespace Hive.Catalog;

/// <summary>Read-only listings served from the catalog and the audit trail, never by asking every grain.</summary>
public interface IHiveQueryGrain : IGrainWithIntegerKey
{
    /// <summary>Agents matching the filter, ordered by id, one page at a time.</summary>
    [Operation(OperationKind.Read, Actor = Acts.Caller, Scope = Scopes.Read)]
    Task<Page<AgentSummary>> ListAgents(AgentQuery query);

    /// <summary>Tasks matching the filter, ordered by id, one page at a time.</summary>
    [Operation(OperationKind.Read, Actor = Acts.Caller, Scope = Scopes.Read)]
    Task<Page<TaskSummary>> ListTasks(TaskQuery query);

    /// <summary>Escalations matching the filter (status, current severity), ordered by id, one page at a time.</summary>
    [Operation(OperationKind.Read, Actor = Acts.Caller, Scope = Scopes.Read)]
    Task<Page<EscalationSummary>> ListEscalations(EscalationQuery query);

    /// <summary>Audit events matching the filter, newest first, one page at a time.</summary>
    [Operation(OperationKind.Read, Actor = Acts.Caller, Scope = Scopes.Read)]
    Task<Page<AuditEvent>> ReadAudit(AuditQuery query);

    /// <summary>The live keys of a memory channel, ordered by key; deleted and expired keys are left out at once.</summary>
    [Operation(OperationKind.Read, Actor = Acts.Caller, Scope = Scopes.Read)]
    Task<Page<MemoryKeySummary>> ListMemoryKeys(MemoryKeyQuery query);

    /// <summary>The channels of a memory namespace that have recorded a change, ordered by name.</summary>
    [Operation(OperationKind.Read, Actor = Acts.Caller, Scope = Scopes.Read)]
    Task<Page<MemoryChannelSummary>> ListMemoryChannels(MemoryChannelQuery query);

    /// <summary>The memory namespaces that have a channel, one page at a time, so a backup can find every namespace.</summary>
    [Operation(OperationKind.Read, Actor = Acts.Caller, Scope = Scopes.Read)]
    Task<Page<string>> ListMemoryNamespaces(MemoryNamespaceQuery query);

    /// <summary>
    /// The limits the answering silo is configured with, so a client can check a batch of writes against what the hive
    /// will accept before it makes the first one.
    /// </summary>
    [Operation(OperationKind.Read, Actor = Acts.Caller, Scope = Scopes.Read)]
    Task<ConfiguredLimits> GetLimits();
}
