using Hive.Agents;
using Hive.Audit;
using Hive.Escalations;
using Hive.Memory;
using Hive.Ports;
using Hive.Tasks;
using Microsoft.Extensions.Options;

namespace Hive.Catalog;

/// <summary>Serves listings from the catalog and audit ports; stateless, so every silo answers locally.</summary>
[StatelessWorker]
public sealed class HiveQueryGrain(IEntityCatalog catalog, IAuditLog audit, HiveClock clock, IOptions<MemoryOptions> memory) : Grain, IHiveQueryGrain
{
    public async Task<Page<AgentSummary>> ListAgents(AgentQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Role is not null) HiveIds.Require(query.Role, "Role");
        var rows = await catalog.QueryAsync(new CatalogQuery(EntityKind.Agent, query.Status?.ToString(), Tag: query.Role,
            PageSize: PageSize(query.PageSize), AfterId: Token(query.PageToken)));
        return ToPage(rows, query.PageSize, AgentCatalogRow.ToSummary);
    }

    public async Task<Page<TaskSummary>> ListTasks(TaskQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Type is not null) HiveIds.Require(query.Type, "Task type");
        if (query.AssignedAgent is not null) HiveIds.Require(query.AssignedAgent, "Agent id");
        var rows = await catalog.QueryAsync(new CatalogQuery(EntityKind.Task, query.Status?.ToString(), Type: query.Type,
            Owner: query.AssignedAgent, PageSize: PageSize(query.PageSize), AfterId: Token(query.PageToken)));
        return ToPage(rows, query.PageSize, TaskCatalogRow.ToSummary);
    }

    public async Task<Page<EscalationSummary>> ListEscalations(EscalationQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var rows = await catalog.QueryAsync(new CatalogQuery(EntityKind.Escalation, query.Status?.ToString(), Type: query.Severity?.ToString(),
            PageSize: PageSize(query.PageSize), AfterId: Token(query.PageToken)));
        return ToPage(rows, query.PageSize, EscalationCatalogRow.ToSummary);
    }

    public Task<Page<AuditEvent>> ReadAudit(AuditQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        PageSize(query.PageSize);
        if (query.Since > query.Until) throw HiveException.Validation("The audit range starts after it ends; swap since and until.");
        HiveText.RequireStorable(query.Entity, "The audit entity filter");
        HiveText.RequireStorable(query.Actor, "The audit actor filter");
        return audit.QueryAsync(query);
    }

    public Task<Page<MemoryKeySummary>> ListMemoryKeys(MemoryKeyQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var channel = new MemoryChannelPath(HiveIds.Require(query.Namespace, "Namespace"), HiveIds.Require(query.Channel, "Channel"));
        return MemoryListing.KeysAsync(catalog, channel, PageSize(query.PageSize), Token(query.PageToken), clock.Now);
    }

    public Task<Page<MemoryChannelSummary>> ListMemoryChannels(MemoryChannelQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return MemoryListing.ChannelsAsync(catalog, HiveIds.Require(query.Namespace, "Namespace"), PageSize(query.PageSize), Token(query.PageToken));
    }

    public Task<Page<string>> ListMemoryNamespaces(MemoryNamespaceQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return MemoryListing.NamespacesAsync(catalog, PageSize(query.PageSize), Token(query.PageToken));
    }

    public Task<ConfiguredLimits> GetLimits() => Task.FromResult(new ConfiguredLimits(memory.Value.MaxValueBytes));

    /// <summary>
    /// Page tokens are the last id, key or channel name returned, so they are ids too; anything else (NUL included,
    /// which PostgreSQL would refuse) is a token this listing never issued.
    /// </summary>
    private static string? Token(string? pageToken) => pageToken is null || HiveIds.IsValid(pageToken)
        ? pageToken
        : throw HiveException.Validation($"Page token '{HiveIds.Shorten(pageToken)}' was not issued by this listing.");

    private static int PageSize(int requested) => requested is >= 1 and <= Limits.MaxPageSize
        ? requested
        : throw HiveException.Validation($"Page size must be 1–{Limits.MaxPageSize}; got {requested}.");

    private static Page<T> ToPage<T>(IReadOnlyList<CatalogEntry> rows, int pageSize, Func<CatalogEntry, T> map) =>
        new(rows.Select(map).ToArray(), rows.Count == pageSize ? rows[^1].Id : null);
}
