using Hive.Silo.Hosting;
using Orleans.TestingHost;

namespace Hive.Tests.Durable;

/// <summary>
/// Integration (real PostgreSQL): an operator may switch <c>Hive:Storage:GrainStateWriter</c> between Hive's batched
/// writer and Orleans' ADO.NET provider. Both key the health grain (integer key 0) the same way, so a pin and a halt
/// survive the switch in either direction.
/// </summary>
[Trait("Category", "Durable")]
public sealed class WriterSwitchTests : IAsyncLifetime
{
    private const string ServiceId = "hive-writer-switch";
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateMigratedAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Theory]
    [InlineData(GrainStateWriter.Batched, GrainStateWriter.AdoNet)]
    [InlineData(GrainStateWriter.AdoNet, GrainStateWriter.Batched)]
    public async Task A_pinned_and_halted_hive_stays_so_after_switching_writers(GrainStateWriter first, GrainStateWriter then)
    {
        await RunHiveAsync(first, async hive =>
        {
            await hive.Health.PinAsync(ServiceLevel.Essential, "operator:alice", "load test");
            await hive.Health.HaltAsync("operator:alice", "incident 42");
        });

        HiveHealthStatus? after = null;
        await RunHiveAsync(then, async hive => after = await hive.Health.GetStatusAsync());

        Assert.Equal((ServiceLevel.Essential, true, "incident 42"), (after!.PinnedLevel, after.Halted, after.HaltReason));
        Assert.Equal(1L, await _database.ScalarAsync<long>("SELECT count(*) FROM hive_grain_state WHERE state_name = 'hive-health'"));
        Assert.Equal("", await _database.ScalarAsync<string>("SELECT key_string FROM hive_grain_state WHERE state_name = 'hive-health'"));
    }

    private async Task RunHiveAsync(GrainStateWriter writer, Func<HiveClient, Task> use)
    {
        var configuration = OpenHive.Configuration(new Dictionary<string, string?>
        {
            ["Hive:Storage:GrainStateWriter"] = writer.ToString(),
            ["Hive:Health:ReportSiloSignals"] = "false",
        });
        await using var dataSource = _database.CreateDataSource();
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ServiceId = ServiceId;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddHivePostgres(dataSource, configuration);
            silo.AddHive(configuration);
        });
        await using var cluster = builder.Build();
        await cluster.DeployAsync();
        try
        {
            await use(new HiveClient(cluster.Client));
        }
        finally
        {
            await cluster.StopAllSilosAsync();
        }
    }
}
