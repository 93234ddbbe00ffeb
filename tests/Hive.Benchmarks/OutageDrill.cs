using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Hive.Messaging;
using Hive.Silo.Storage.GroupCommit;
using Npgsql;

namespace Hive.Benchmarks;

/// <summary>
/// Eight writers append messages for a while with the default resilience settings, printing each second what
/// succeeded, what failed and how fast; stop and start the server meanwhile (pg_ctl stop -m fast / start). At the end
/// every acknowledged message must be in the table.
/// </summary>
internal static class OutageDrill
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 9, 30, 0, TimeSpan.Zero);

    public static async Task<int> RunAsync(string connectionString, TimeSpan duration)
    {
        await using var schema = await BenchSchema.CreateAsync(connectionString);
        var stores = new Stores(schema.DataSource, new GroupCommitOptions());
        await using var messages = stores.Messages();
        var acknowledged = new ConcurrentBag<string>();
        var second = new ConcurrentDictionary<long, (int Ok, int Failed, double SlowestFailMs)>();
        var next = 0;
        var clock = Stopwatch.StartNew();
        var writers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            while (clock.Elapsed < duration)
            {
                var inbox = $"drill-{Interlocked.Increment(ref next)}";
                var started = Stopwatch.GetTimestamp();
                var slot = (long)clock.Elapsed.TotalSeconds;
                try
                {
                    await messages.AppendAsync([new Message(1, "drill", inbox, "notice", "s", "b", null, At)]);
                    acknowledged.Add(inbox);
                    second.AddOrUpdate(slot, (1, 0, 0), (_, s) => (s.Ok + 1, s.Failed, s.SlowestFailMs));
                }
                catch (HiveException e) when (e.Code == HiveErrorCodes.StorageUnavailable)
                {
                    var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    second.AddOrUpdate(slot, (0, 1, ms), (_, s) => (s.Ok, s.Failed + 1, Math.Max(s.SlowestFailMs, ms)));
                    await Task.Delay(50);
                }
            }
        })).ToArray();
        var reporter = Task.Run(async () =>
        {
            for (var s = 0L; clock.Elapsed < duration; s++)
            {
                await Task.Delay(TimeSpan.FromSeconds(s + 1) - clock.Elapsed);
                var row = second.GetValueOrDefault(s);
                var health = stores.Health.Snapshot();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"t={s,3}s ok={row.Ok,5} failed={row.Failed,4} slowest-failure={row.SlowestFailMs,6:0} ms circuit={health.Circuit,-8} ewma={health.LatencyEwmaMs:0.00} ms last-failure={health.LastFailure}"));
            }
        });
        await Task.WhenAll([.. writers, reporter]);

        var stored = new HashSet<string>(StringComparer.Ordinal);
        await using (var command = schema.DataSource.CreateCommand("SELECT agent_id FROM hive_messages"))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) stored.Add(reader.GetString(0));
        }
        var lost = acknowledged.Count(id => !stored.Contains(id));
        Console.WriteLine($"acknowledged {acknowledged.Count}, stored {stored.Count}, acknowledged but lost {lost}");
        return lost == 0 ? 0 : 1;
    }
}
