using Hive.Silo.Hosting;
using Hive.Silo.Storage.Append;
using Orleans.TestingHost;

namespace Hive.Tests.Durable;

/// <summary>A one-silo hive whose catalog, audit trail, memory change log and inboxes are the PostgreSQL append stores.</summary>
[Trait("Category", "Durable")]
public sealed class PostgresHiveTests : IAsyncLifetime
{
    private PostgresSchema _schema = null!;
    private InProcessTestCluster _cluster = null!;
    private HiveClient _hive = null!;

    public async Task InitializeAsync()
    {
        _schema = await PostgresSchema.CreateAsync();
        var configuration = OpenHive.Configuration(new Dictionary<string, string?>
        {
            ["Hive:Memory:ChangeLogRetention"] = "2",
        });
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton(_schema.DataSource);
            // After AddHive on purpose: the PostgreSQL stores must replace the in-memory defaults either way.
            silo.AddHive(configuration);
            silo.Services.AddPostgresAppendStores(configuration);
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
        _hive = new HiveClient(_cluster.Client);
    }

    public async Task DisposeAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
        await _schema.DisposeAsync();
    }

    [Fact]
    public async Task Agents_messages_memory_and_audit_go_through_the_PostgreSQL_stores()
    {
        await _hive.Agents.RegisterAsync(new AgentSpec("pg-a", "Agent A", ["pg-role"]));
        await _hive.Agents.RegisterAsync(new AgentSpec("pg-b", "Agent B", ["pg-role"]));
        Assert.Equal(["pg-a", "pg-b"], (await _hive.Agents.ListAsync(new AgentQuery(Role: "pg-role"))).Items.Select(a => a.Id));

        var sequence = await _hive.Messages.SendAsync(new MessageDraft("pg-a", "request", "Review", "Please review", To: "pg-b"));
        Assert.Equal("Review", Assert.Single(await _hive.Messages.ReceiveAsync("pg-b")).Subject);
        Assert.Equal(1, await _hive.Messages.AckAsync("pg-b", [sequence]));
        Assert.Equal(0L, await _schema.ScalarAsync("SELECT count(*) FROM hive_messages WHERE agent_id = 'pg-b'"));
        Assert.Equal(1L, await _schema.ScalarAsync("SELECT last_sequence FROM hive_inbox_heads WHERE agent_id = 'pg-b'"));

        for (var n = 1; n <= 3; n++) await _hive.Memory.PutAsync("pgns", "plans", "current", $$"""{"n":{{n}}}""", "pg-a");
        Assert.Equal("""{"n":3}""", (await _hive.Memory.GetAsync("pgns", "plans", "current"))!.Value);
        Assert.Equal(["current"], (await _hive.Memory.ListKeysAsync("pgns", "plans")).Items.Select(k => k.Key));
        // Retention 2: the log holds revisions 2 and 3 only, so reading from 0 is compacted and from 2 is not.
        Assert.Equal(2L, await _schema.ScalarAsync("SELECT count(*) FROM hive_memory_changes WHERE channel = 'pgns/plans'"));
        var channel = _cluster.Client.GetGrain<IMemoryChannelGrain>(GrainKeys.MemoryChannel("pgns", "plans"));
        Assert.True((await channel.Watch(0, 10, TimeSpan.Zero)).Compacted);
        Assert.Equal([3L], (await channel.Watch(2, 10, TimeSpan.Zero)).Changes.Select(c => c.Revision));

        var audit = await _hive.Audit.QueryAsync(new AuditQuery(PageSize: Limits.MaxPageSize));
        Assert.NotEmpty(audit.Items);
        Assert.Equal((long)audit.Items.Count, await _schema.ScalarAsync("SELECT count(*) FROM hive_audit"));
    }
}
