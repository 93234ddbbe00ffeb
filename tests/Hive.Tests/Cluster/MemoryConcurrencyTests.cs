using System.Globalization;

namespace Hive.Tests.Cluster;

public abstract class MemoryConcurrencyTests(HiveClusterFixture hive)
{
    private const int Writers = 50;
    private const string Key = "agent_task_1";

    [Fact]
    public async Task Concurrent_compare_and_set_writers_win_exactly_once_each_on_a_gapless_version_sequence()
    {
        var space = new MemoryTestSpace(hive);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writers = Enumerable.Range(1, Writers).Select(i => Task.Run(async () =>
        {
            await start.Task;
            return await WriteOnceAsync(space, $"writer-{i.ToString(CultureInfo.InvariantCulture)}");
        })).ToArray();

        start.SetResult();
        var wins = await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(Enumerable.Range(1, Writers).Select(v => (long)v), wins.Select(w => w.Version).Order());
        Assert.True(wins.Sum(w => w.Conflicts) > 0, "the writers never collided, so the test proved nothing");
        var log = await space.LogAsync();
        Assert.All(log, c => Assert.Equal((Key, MemoryChangeKind.Put), (c.Key, c.Kind)));
        Assert.Equal(Enumerable.Range(1, Writers).Select(v => (long)v), log.Select(c => c.Version));
        Assert.Equal(Enumerable.Range(1, Writers).Select(v => (long)v), log.Select(c => c.Revision));
        // Each version was written by the one writer told it won that version.
        Assert.Equal(wins.OrderBy(w => w.Version).Select(w => w.Author), log.Select(c => c.Author));
        Assert.Equal(Writers, (await space.Memory.GetAsync(space.Ns, space.Channel, Key))!.Version);
    }

    /// <summary>Reads, then writes expecting what it read, until one write is accepted.</summary>
    private static async Task<(string Author, long Version, int Conflicts)> WriteOnceAsync(MemoryTestSpace space, string author)
    {
        for (var conflicts = 0; ; conflicts++)
        {
            var read = await space.Memory.GetAsync(space.Ns, space.Channel, Key);
            try
            {
                var written = await space.Memory.CompareAndSetAsync(space.Ns, space.Channel, Key, $"\"{author}\"", author, read?.Version ?? 0);
                return (author, written.Version, conflicts);
            }
            catch (HiveException e) when (e.Code == HiveErrorCodes.Conflict)
            {
                Assert.NotNull(e.CurrentVersion);
                Assert.True(e.CurrentVersion > (read?.Version ?? 0), "a conflict must report a newer version than the one read");
            }
        }
    }
}

[Trait("Category", "Cluster")]
[Collection(HiveClusterCollection.Name)]
public sealed class MemoryConcurrencyTestsInMemory(HiveClusterFixture hive) : MemoryConcurrencyTests(hive);
