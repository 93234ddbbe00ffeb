using Hive.Silo.Hosting;
using Hive.Silo.InMemory;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Hive.Tests.Cluster;

/// <summary>
/// A one-silo, single-process hive (in-memory storage and adapters) whose grain storage fails the writes a test picks
/// (<see cref="Storage"/>), with the audit trail and memory log shared for inspection.
/// </summary>
public sealed class FaultyStorageClusterFixture : IAsyncLifetime
{
    private const string Inner = "hive-inner";

    private FaultyGrainStorage? _storage;

    public InMemoryAuditLog Audit { get; } = new();
    public InMemoryMemoryChangeLog MemoryLog { get; } = new(1000);
    public InProcessTestCluster Cluster { get; private set; } = null!;
    public HiveClient Hive { get; private set; } = null!;

    /// <summary>Set <c>Fail</c> to make writes fail; tests sharing this fixture pick only their own grains.</summary>
    internal FaultyGrainStorage Storage => _storage!;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        var configuration = OpenHive.Configuration();
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(Inner);
            silo.Services.AddKeyedSingleton<IGrainStorage>(HiveStorage.Name, (services, _) =>
                _storage = new FaultyGrainStorage(services.GetRequiredKeyedService<IGrainStorage>(Inner)));
            silo.Services.AddSingleton<IAuditLog>(Audit);
            silo.Services.AddSingleton<IMemoryChangeLog>(MemoryLog);
            silo.AddHive(configuration);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
        Hive = new HiveClient(Cluster.Client);
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class FaultyStorageClusterCollection : ICollectionFixture<FaultyStorageClusterFixture>
{
    public const string Name = "faulty-storage-cluster";
}
