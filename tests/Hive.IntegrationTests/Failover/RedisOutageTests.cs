using System.Globalization;
using Hive.Chaos;

namespace Hive.Tests.Failover;

/// <summary>
/// Integration: Redis (the membership table, and the gateway list clients read) goes away for 30 s under load, for
/// the silos and the client alike. The running cluster keeps serving, nothing acknowledged is lost, and no silo
/// restarts.
/// </summary>
[Trait("Category", "Failover")]
[Collection(ServiceOutageCollection.Name)]
public sealed class RedisOutageTests(ServiceOutageCluster cluster, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(30);

    /// <summary>Not a performance bound: a hive disturbed longer than this by losing only its membership table is broken.</summary>
    private static readonly TimeSpan Sane = TimeSpan.FromSeconds(30);

    public Task InitializeAsync() => cluster.RestoreAsync();

    public Task DisposeAsync() => cluster.RestoreAsync();

    [Fact]
    public async Task While_Redis_is_down_for_30_s_the_running_cluster_keeps_serving_and_loses_no_acknowledged_write()
    {
        var starts = cluster.Silos.Starts;
        var downFrom = TimeSpan.Zero;
        var downUntil = TimeSpan.Zero;
        var readyDuringOutage = "";
        ChaosLoad? running = null;

        var report = await FaultDrill.RunAsync(cluster.Hive, output, async () =>
        {
            downFrom = running!.Log.Now;
            cluster.Redis.Down();
            await Task.Delay(Outage / 2);
            // Asked alongside, so the outage lasts 30 s however long the probes take to answer.
            var readiness = ReadinessAsync();
            await Task.Delay(Outage / 2);
            readyDuringOutage = await readiness;
            cluster.Redis.Up();
            downUntil = running.Log.Now;
        }, after: TimeSpan.FromSeconds(10), started: load => running = load);

        Assert.True(report.Acked > 0, report.Line);
        Assert.Equal(0, report.Lost);
        Assert.Equal(0, report.Duplicates);
        var during = report.Calls.Where(c => c.Started >= downFrom && c.Started < downUntil).ToList();
        var failed = during.Where(c => !c.Succeeded).ToList();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"while Redis was down ({(downUntil - downFrom).TotalSeconds:0.0} s): {during.Count} calls, {failed.Count} failed "
            + $"({string.Join(", ", failed.GroupBy(c => $"{c.Kind} {c.Error}").Select(g => $"{g.Key} x{g.Count()}"))}), "
            + $"slowest {(during.Count == 0 ? 0 : during.Max(c => c.Took).TotalMilliseconds):0} ms; readiness halfway: {readyDuringOutage}"));
        foreach (var kind in during.Select(c => c.Kind).Distinct())
            output.WriteLine($"  {kind}: {during.Count(c => c.Kind == kind && c.Succeeded)} ok, {during.Count(c => c.Kind == kind && !c.Succeeded)} failed");
        Assert.True(during.Count > 0, "No call was made while Redis was down.");
        Assert.True(failed.Count == 0, $"{failed.Count} of {during.Count} calls failed while Redis was down: "
            + string.Join(", ", failed.Select(c => $"{c.Kind} {c.Error}").Distinct()));
        Assert.NotNull(report.Recovery);
        Assert.True(report.Recovery < Sane, report.Line);
        Assert.True(cluster.Silos.AllRunning, cluster.Silos.Output);
        Assert.Equal(starts, cluster.Silos.Starts);
        var ready = await ReadinessAsync(within: TimeSpan.FromSeconds(30));
        Assert.True(ready.Split(' ').All(s => s.EndsWith("=200", StringComparison.Ordinal)), $"Not every silo is ready again with Redis back: {ready}");
    }

    /// <summary>Each silo's <c>/health/ready</c> status, as <c>0=200 1=503 …</c>; with <paramref name="within"/>, asked until all are 200 or the time is up.</summary>
    private async Task<string> ReadinessAsync(TimeSpan? within = null)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.Zero);
        while (true)
        {
            var statuses = new List<string>();
            for (var i = 0; i < cluster.Silos.Size; i++)
            {
                try
                {
                    using var response = await http.GetAsync(new Uri(cluster.Silos[i].Http, "/health/ready"));
                    statuses.Add($"{i}={(int)response.StatusCode}");
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    statuses.Add($"{i}={e.GetType().Name}");
                }
            }
            var line = string.Join(' ', statuses);
            if (statuses.All(s => s.EndsWith("=200", StringComparison.Ordinal)) || DateTime.UtcNow >= deadline) return line;
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }
}
