using System.Globalization;
using Hive.Chaos;

namespace Hive.Tests.Failover;

/// <summary>
/// Integration: the silos' PostgreSQL server is crashed under load (<c>pg_ctl stop -m immediate</c>), stays down
/// 10 s and is started again (crash recovery from the WAL). Writes fail with clear errors meanwhile, nothing
/// acknowledged is lost, nothing is done twice, and the hive serves again soon after, with no silo restarted.
/// </summary>
[Trait("Category", "Failover")]
[Collection(ServiceOutageCollection.Name)]
public sealed class PostgresKillTests(ServiceOutageCluster cluster, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Down = TimeSpan.FromSeconds(10);

    public Task InitializeAsync() => cluster.RestoreAsync();

    public Task DisposeAsync() => cluster.RestoreAsync();

    [Fact]
    public async Task PostgreSQL_killed_and_restarted_under_load_loses_no_acknowledged_write_and_the_hive_serves_again_without_a_restart()
    {
        var starts = cluster.Silos.Starts;
        // No client retries: each failure is the hive's own answer, as quick as the hive gave it.
        using var client = await cluster.StartClientAsync(o => o.Resilience.RetryBudget = TimeSpan.Zero, StorageOutageChecks.CallTimeout);
        var killedAt = TimeSpan.Zero;
        var restartedAt = TimeSpan.Zero;
        ChaosLoad? running = null;

        var report = await FaultDrill.RunAsync(client.Hive(), output, async () =>
        {
            killedAt = running!.Log.Now;
            await cluster.Postgres.KillAsync();
            await Task.Delay(Down);
            await cluster.Postgres.StartAgainAsync();
            restartedAt = running.Log.Now;
        // Watched long enough after PostgreSQL returns for every kind of write to succeed again on a loaded machine.
        }, after: TimeSpan.FromSeconds(15), started: load => running = load);
        await client.StopAsync();

        var (duringOutage, slowest) = StorageOutageChecks.AssertClearAndQuick(report, killedAt, restartedAt);
        var backAfter = report.Recovery!.Value - (restartedAt - killedAt);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"down {(restartedAt - killedAt).TotalSeconds:0.0} s (kill, {Down.TotalSeconds:0} s, restart with crash recovery); {duringOutage.Count} calls failed meanwhile "
            + $"({string.Join(", ", duringOutage.GroupBy(c => $"{c.Kind} {c.Error}").Select(g => $"{g.Key} x{g.Count()}"))}), the slowest failure took {slowest.TotalMilliseconds:0} ms; "
            + $"served again {backAfter.TotalSeconds:0.0} s after PostgreSQL was back"));
        Assert.True(backAfter < TimeSpan.FromSeconds(15), report.Line);
        Assert.True(cluster.Silos.AllRunning, cluster.Silos.Output);
        Assert.Equal(starts, cluster.Silos.Starts);
    }
}
