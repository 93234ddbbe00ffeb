using System.Diagnostics;
using System.Globalization;

namespace Hive.Tests.Failover;

/// <summary>
/// Integration: under continuous writes, one silo of three is cut off from its peers and from PostgreSQL (a true
/// partition, see <see cref="FailoverCluster.Partition"/>) for 20 s while it still reaches Redis and clients still reach
/// its gateway. The majority declares it dead and serves on; the isolated silo commits and acknowledges no write; nothing
/// acknowledged is lost and no task is completed twice. When the network heals the silo rejoins: on its own if it
/// survived, or restarted by the test, as Kubernetes restarts a pod that exited, if it stopped itself on learning it
/// was declared dead.
/// </summary>
[Trait("Category", "Failover")]
[Collection(FailoverCollection.Name)]
public sealed class PartitionTests(FailoverCluster cluster, ITestOutputHelper output) : IAsyncLifetime
{
    private const int Isolated = 0;
    private static readonly TimeSpan Cut = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Not a performance bound: a hive that needs longer than this to serve again after losing one silo of three is broken.
    /// Recovery can take most of <see cref="Cut"/>: the client keeps sending through the isolated silo's gateway, and those
    /// calls time out, until that silo learns it was declared dead and stops itself (20–43 s measured here).
    /// </summary>
    private static readonly TimeSpan Sane = TimeSpan.FromSeconds(60);

    /// <summary>Writes in flight when the cut falls may still finish (their answer from PostgreSQL already crossed); after this none can.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan RejoinWithin = TimeSpan.FromMinutes(2);

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    public Task InitializeAsync() => cluster.EnsureAllRunningAsync();

    public async Task DisposeAsync()
    {
        cluster.Heal();
        await cluster.EnsureAllRunningAsync();
    }

    [Fact]
    public async Task A_silo_cut_off_from_its_peers_and_PostgreSQL_acknowledges_no_write_loses_nothing_and_rejoins_when_healed()
    {
        var isolated = cluster.Silo(Isolated);
        var atStart = await WritesAsync(isolated) ?? throw new InvalidOperationException("The silo's /metrics did not answer before the drill.");
        double atCut = 0, lastSeen = 0;
        var exitedDuringCut = false;
        var restarted = false;
        var rejoined = TimeSpan.Zero;
        var stalled = (Into: 0, ToPeers: 0, ToPostgres: 0);

        var report = await FaultDrill.RunAsync(cluster.Hive, output, async () =>
        {
            stalled = cluster.Partition(Isolated);
            var cutAt = Stopwatch.StartNew();
            await Task.Delay(Settle);
            atCut = lastSeen = await WritesAsync(isolated) ?? throw new InvalidOperationException($"The isolated silo's /metrics did not answer {Settle.TotalSeconds:0} s into the cut.");
            while (cutAt.Elapsed < Cut)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
                if (await WritesAsync(isolated) is { } seen) lastSeen = seen;
                else if (isolated.HasExited) exitedDuringCut = true;
            }
            cluster.Heal();
            var healed = Stopwatch.StartNew();
            // Three active silos again: the isolated one on its own, or (when it stopped itself) restarted, as an orchestrator would.
            while (await cluster.ActiveSilosAsync() < FailoverCluster.Size || cluster.Silo(Isolated).HasExited)
            {
                Assert.True(healed.Elapsed < RejoinWithin, $"The cluster did not have {FailoverCluster.Size} active silos {RejoinWithin.TotalSeconds:0} s after the partition healed.");
                if (cluster.Silo(Isolated).HasExited)
                {
                    restarted = true;
                    await cluster.EnsureAllRunningAsync();
                }
                await Task.Delay(TimeSpan.FromMilliseconds(500));
            }
            rejoined = healed.Elapsed;
        }, after: TimeSpan.FromSeconds(15));

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"the cut stalled {stalled.Into} connections peers dialed to the isolated silo, {stalled.ToPeers} it dialed to them, {stalled.ToPostgres} to PostgreSQL"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"isolated silo: {atCut - atStart} writes committed before the cut, {lastSeen - atCut} after it; "
            + $"{(exitedDuringCut ? "it stopped itself during the cut" : "it ran through the cut")}; "
            + $"{(restarted ? "restarted and" : "on its own,")} three silos active {rejoined.TotalSeconds:0.0} s after healing"));
        foreach (var line in isolated.Output.Split('\n').Where(l => !l.TrimStart().StartsWith("at ", StringComparison.Ordinal) && l.Contains("dead", StringComparison.OrdinalIgnoreCase)).TakeLast(5))
            output.WriteLine(line);
        Assert.True(stalled.Into + stalled.ToPeers > 0 && stalled.ToPostgres > 0, $"The cut found no open connection to stall: {stalled}.");
        Assert.True(report.Acked > 0, report.Line);
        Assert.Equal(0, report.Lost);
        Assert.Equal(0, report.Duplicates);
        Assert.NotNull(report.Recovery);
        Assert.True(report.Recovery < Sane, report.Line);
        // Memory writes and message deliveries count only once PostgreSQL confirmed them (hive.memory.writes, hive.messages.sent).
        Assert.True(atCut > atStart, "The isolated silo committed no write before the cut either, so the check below would prove nothing.");
        Assert.True(lastSeen == atCut, $"The isolated silo committed {lastSeen - atCut} writes while it was cut off from PostgreSQL and its peers.");
        Assert.Equal(FailoverCluster.Size, await cluster.ActiveSilosAsync());
    }

    /// <summary>Memory writes and message deliveries the silo committed since it started, from its /metrics; null when it does not answer.</summary>
    private static async Task<double?> WritesAsync(SiloProcess silo)
    {
        if (silo.HasExited) return null;
        string metrics;
        try
        {
            metrics = await Http.GetStringAsync(new Uri(silo.Http, "/metrics"));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
        return metrics.Split('\n')
            .Where(l => l.StartsWith("hive_memory_writes_total", StringComparison.Ordinal) || l.StartsWith("hive_messages_sent_total", StringComparison.Ordinal))
            .Sum(l => double.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture));
    }
}
