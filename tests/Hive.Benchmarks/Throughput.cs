using System.Diagnostics;
using System.Globalization;
using Hive.Messaging;
using Hive.Ports;
using Hive.Silo.Storage.GroupCommit;

namespace Hive.Benchmarks;

/// <summary>
/// Catalog upserts/s and message appends/s at 1 and 100 concurrent callers, with and without group commit (and with
/// a short linger), each for a fixed time against a fresh schema. Every caller waits for its own write to commit.
/// </summary>
internal static class Throughput
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 9, 30, 0, TimeSpan.Zero);

    public static async Task RunAsync(string connectionString, TimeSpan duration)
    {
        (string Name, GroupCommitOptions Options)[] modes =
        [
            ("alone", new GroupCommitOptions { Enabled = false }),
            ("group", new GroupCommitOptions()),
            ("group+1ms", new GroupCommitOptions { Linger = TimeSpan.FromMilliseconds(1) }),
        ];
        Console.WriteLine("store     callers mode        ops/s   p50 ms   p99 ms  batches  items/batch");
        foreach (var store in new[] { "catalog", "messages" })
        {
            foreach (var callers in new[] { 1, 100 })
            {
                foreach (var (name, options) in modes)
                {
                    await using var schema = await BenchSchema.CreateAsync(connectionString);
                    var result = await MeasureAsync(store, new Stores(schema.DataSource, options), callers, duration);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{store,-9} {callers,7} {name,-10} {result.PerSecond,7:0} {result.P50,8:0.00} {result.P99,8:0.00} {result.Batches,8} {result.PerBatch,12:0.0}"));
                }
            }
        }
    }

    private static async Task<(double PerSecond, double P50, double P99, long Batches, double PerBatch)> MeasureAsync(
        string store, Stores stores, int callers, TimeSpan duration)
    {
        await using var catalog = stores.Catalog();
        await using var messages = stores.Messages();
        Func<int, int, Task> write = store == "catalog"
            ? (caller, n) => catalog.UpsertAsync([Row(caller, n)])
            : (caller, n) => messages.AppendAsync([new Message(n + 1, "bench", $"inbox-{caller}", "notice", "subject", "body", null, At)]);
        // Warm up: open pooled connections and prepare the statements.
        await Task.WhenAll(Enumerable.Range(0, callers).Select(c => write(c, 0)));
        var batchesBefore = store == "catalog" ? catalog.Upserts.Batches : messages.Appends.Batches;
        var itemsBefore = store == "catalog" ? catalog.Upserts.Items : messages.Appends.Items;

        var clock = Stopwatch.StartNew();
        var latencies = await Task.WhenAll(Enumerable.Range(0, callers).Select(c => Task.Run(async () =>
        {
            var mine = new List<double>();
            for (var n = 1; clock.Elapsed < duration; n++)
            {
                var started = Stopwatch.GetTimestamp();
                await write(c, n);
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            return mine;
        })));
        var elapsed = clock.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        var batches = (store == "catalog" ? catalog.Upserts.Batches : messages.Appends.Batches) - batchesBefore;
        var items = (store == "catalog" ? catalog.Upserts.Items : messages.Appends.Items) - itemsBefore;
        return (all.Length / elapsed, all[all.Length / 2], all[Math.Min(all.Length - 1, (int)(all.Length * 0.99))], batches, (double)items / batches);
    }

    private static CatalogEntry Row(int caller, int n) => new(EntityKind.Agent, $"agent-{caller}-{n % 1000}", n, n % 2 == 0 ? "Ready" : "Busy",
        $"Agent {caller}", null, null, ["bench"], null, 0, At, At.AddSeconds(n), null);
}
