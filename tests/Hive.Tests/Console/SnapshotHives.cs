using Hive.Silo.Hosting;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Hive.Tests.Console;

/// <summary>
/// Two hives of their own, apart from the shared test cluster: a source to fill and export, and a target that starts
/// empty. Their clocks are faked and never moved, so no heartbeat or acknowledgement deadline changes what was exported.
/// The target keeps smaller memory values than the default, so an import must be checked against its configuration.
/// </summary>
public sealed class SnapshotHives : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    public const int TargetMaxValueBytes = 4096;

    private InProcessTestCluster _source = null!;
    private InProcessTestCluster _target = null!;
    private Lazy<Task> _filled = null!;

    public HiveClient Source { get; private set; } = null!;
    public HiveClient Target { get; private set; } = null!;
    public FakeTimeProvider SourceTime { get; } = new(Start);
    public FakeTimeProvider TargetTime { get; } = new(Start + TimeSpan.FromMinutes(10));

    public async Task InitializeAsync()
    {
        (_source, Source) = await StartAsync(SourceTime, []);
        (_target, Target) = await StartAsync(TargetTime, new() { ["Hive:Memory:MaxValueBytes"] = TargetMaxValueBytes.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        _filled = new Lazy<Task>(() => SnapshotScenario.FillAsync(Source));
    }

    /// <summary>Fills the source once, however many tests ask.</summary>
    public Task FilledSourceAsync() => _filled.Value;

    public async Task DisposeAsync()
    {
        foreach (var cluster in new[] { _source, _target })
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    private static async Task<(InProcessTestCluster, HiveClient)> StartAsync(FakeTimeProvider time, Dictionary<string, string?> settings)
    {
        // The machine's CPU must not drop the service level and raise a hive alert into the snapshots being compared.
        settings["Hive:Health:ReportSiloSignals"] = "false";
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton(new HiveClock(time));
            silo.AddHive(OpenHive.Configuration(settings));
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return (cluster, new HiveClient(cluster.Client));
    }
}

/// <summary>The snapshot tests share one source and one target: starting hives is the slow part.</summary>
[CollectionDefinition(Name)]
public sealed class SnapshotHivesCollection : ICollectionFixture<SnapshotHives>
{
    public const string Name = "snapshot-hives";
}
