namespace Hive.Tests.Cluster;

[Trait("Category", "Cluster")]
[Collection(HiveClusterCollection.Name)]
public sealed class MemoryReservationTests(HiveClusterFixture hive)
{
    [Fact]
    public async Task A_revision_whose_writer_never_reports_holds_watchers_until_the_timeout_then_stays_unused_for_good()
    {
        var space = new MemoryTestSpace(hive);
        var channel = GrainKeys.MemoryChannel(space.Ns, space.Channel);
        // A writer that took a revision and died with its silo before writing or reporting.
        var silent = await hive.SiloGrains.GetGrain<IMemoryChannelSequencer>(channel).Reserve();

        var later = await space.PutAsync("circuit_breaker_status", "\"open\"");

        Assert.Equal(silent + 1, later.Revision);
        var held = await space.ChannelGrain.Watch(0, 100, TimeSpan.Zero);
        Assert.Equal((0L, 0), (held.CurrentRevision, held.Changes.Count));

        hive.Advance(new MemoryOptions().ReservationTimeout + TimeSpan.FromSeconds(1));
        await HiveClusterFixture.Eventually(async () => (await space.ChannelGrain.Watch(0, 100, TimeSpan.Zero)).CurrentRevision == later.Revision,
            "the channel gives up the silent revision");

        Assert.Equal([later.Revision], (await space.LogAsync()).Select(c => c.Revision));
        var late = new MemoryChange(silent, "late", MemoryChangeKind.Put, 1, "1", "ghost", hive.Time.GetUtcNow());
        await Assert.ThrowsAsync<InvalidOperationException>(() => hive.MemoryLog.AppendAsync($"{space.Ns}/{space.Channel}", [late]));
    }
}
