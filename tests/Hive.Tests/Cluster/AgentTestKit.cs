namespace Hive.Tests.Cluster;

/// <summary>Small helpers shared by the agent cluster tests.</summary>
internal static class AgentTestKit
{
    /// <summary>Runs <paramref name="call"/> and returns the <see cref="HiveException"/> it must raise with <paramref name="code"/>.</summary>
    public static async Task<HiveException> Rejects(string code, Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<HiveException>(call);
        Assert.Equal(code, error.Code);
        return error;
    }

    /// <summary>Registers a fresh agent with one fresh role (or the given one) and returns its id and role.</summary>
    public static async Task<(string Id, string Role)> RegisterAsync(HiveClient hive, string? role = null)
    {
        role ??= HiveClusterFixture.NewId("role");
        var id = HiveClusterFixture.NewId("agent");
        await hive.Agents.RegisterAsync(new AgentSpec(id, "Agent " + id, [role]));
        return (id, role);
    }

    /// <summary>Registers a fresh agent and sends its first heartbeat, so it is ready.</summary>
    public static async Task<(string Id, string Role)> ReadyAsync(HiveClient hive, string? role = null)
    {
        var agent = await RegisterAsync(hive, role);
        await hive.Agents.HeartbeatAsync(agent.Id, 0.1);
        return agent;
    }

    /// <summary>The audit trail of one agent, newest first.</summary>
    public static async Task<IReadOnlyList<AuditEvent>> AuditOf(HiveClient hive, string agentId) =>
        (await hive.Audit.QueryAsync(new AuditQuery(Entity: "agent/" + agentId))).Items;

    /// <summary>The agent's row in the in-memory catalog, read directly so the agent grain is not activated.</summary>
    public static async Task<CatalogEntry?> CatalogRow(HiveClusterFixture hive, string agentId, string role) =>
        (await hive.Catalog.QueryAsync(new CatalogQuery(EntityKind.Agent, Tag: role, PageSize: int.MaxValue)))
            .SingleOrDefault(r => r.Id == agentId);

    /// <summary>True when the catalog has a row for <paramref name="agentId"/> of any role.</summary>
    public static async Task<bool> CatalogHas(HiveClusterFixture hive, string agentId) =>
        (await hive.Catalog.QueryAsync(new CatalogQuery(EntityKind.Agent, PageSize: int.MaxValue))).Any(r => r.Id == agentId);
}
