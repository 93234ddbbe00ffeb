namespace Hive.Tests.Cluster;

/// <summary>A fresh namespace and channel for one test, with the ways a test looks behind the client.</summary>
internal sealed class MemoryTestSpace(HiveClusterFixture hive)
{
    public string Ns { get; } = HiveClusterFixture.NewId("phase4_swarm");
    public string Channel { get; } = HiveClusterFixture.NewId("coordination");

    public HiveMemory Memory => hive.Hive.Memory;

    public IMemoryKeyGrain KeyGrain(string key) => hive.Grains.GetGrain<IMemoryKeyGrain>(GrainKeys.MemoryKey(Ns, Channel, key));

    public IMemoryChannelGrain ChannelGrain => hive.Grains.GetGrain<IMemoryChannelGrain>(GrainKeys.MemoryChannel(Ns, Channel));

    /// <summary>Every change the channel's log holds, oldest first, without waiting.</summary>
    public async Task<IReadOnlyList<MemoryChange>> LogAsync() =>
        (await ChannelGrain.Watch(0, MemoryLimits.MaxWatchChanges, TimeSpan.Zero)).Changes;

    public Task<MemoryEntry> PutAsync(string key, string valueJson, long? expectedVersion = null, TimeSpan? ttl = null, string author = "reliability-engineer") =>
        Memory.PutAsync(Ns, Channel, key, valueJson, author, expectedVersion, ttl);
}
