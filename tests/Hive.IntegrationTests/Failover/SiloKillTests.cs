using Hive.Chaos;

namespace Hive.Tests.Failover;

/// <summary>Integration: a silo dies under continuous writes (SIGKILL), or is stopped gracefully (SIGTERM).</summary>
[Trait("Category", "Failover")]
[Collection(FailoverCollection.Name)]
public sealed class SiloKillTests(FailoverCluster cluster, ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>Not a performance bound: a hive that needs longer than this to serve again after losing one silo of three is broken.</summary>
    private static readonly TimeSpan Sane = TimeSpan.FromSeconds(30);

    public Task InitializeAsync() => cluster.EnsureAllRunningAsync();

    public Task DisposeAsync() => cluster.EnsureAllRunningAsync();

    [Fact]
    public async Task Killing_one_silo_of_three_loses_no_acknowledged_write_and_completes_no_task_twice()
    {
        // 15 s of load after the kill: recovery counts from the last failed or slow call, and on a loaded 2-core machine
        // a call can still be slow several seconds after the silo is declared dead; the window must outlast that.
        var report = await FaultDrill.RunAsync(cluster.Hive, output, () => cluster.KillAsync(1), after: TimeSpan.FromSeconds(15));

        Assert.True(report.Acked > 0, report.Line);
        Assert.Equal(0, report.Lost);
        Assert.Equal(0, report.Duplicates);
        Assert.NotNull(report.Recovery);
        Assert.True(report.Recovery < Sane, report.Line);
    }

    [Fact]
    public async Task A_graceful_stop_of_one_silo_under_load_fails_no_call()
    {
        // A service's client, with Orleans' 30 s call timeout: a graceful stop hands its grains over, and a call that
        // waits for that on a busy machine must not be cut off by the drill's short timeout.
        using var client = await cluster.StartClientAsync(callTimeout: TimeSpan.FromSeconds(30));

        var report = await FaultDrill.RunAsync(client.Hive(), output, () => cluster.TerminateAsync(2), after: TimeSpan.FromSeconds(4));
        await client.StopAsync();

        Assert.True(report.Acked > 0, report.Line);
        Assert.Equal(0, report.Lost);
        Assert.Equal(0, report.Duplicates);
        var failed = report.Calls.Where(c => !c.Succeeded).ToList();
        Assert.True(failed.Count == 0, $"{failed.Count} calls failed: {string.Join(", ", failed.Select(c => $"{c.Kind} {c.Error}").Distinct())}");
    }
}
