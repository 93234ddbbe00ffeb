using System.Diagnostics;
using Hive.LoadGen.Scenarios;

namespace Hive.LoadGen;

/// <summary>
/// Closed loop: each worker keeps exactly one operation outstanding. An operation counts when it completes inside
/// the measured window (after the warm-up), wherever it started: at 1,000 workers one operation can outlast a short
/// window, and dropping those would report nothing at all rather than the slow truth.
/// </summary>
internal static class ClosedLoop
{
    public static async Task<Measurement> RunAsync(IScenario scenario, int workers, TimeSpan warmUp, TimeSpan duration, CpuMeter cpu)
    {
        var total = new Latency();
        var steps = scenario.Steps.Select(s => (Step: s, Latency: new Latency())).ToArray();
        var stepLatencies = steps.Select(s => s.Latency).ToArray();
        long errors = 0;
        string? firstError = null;
        var windowStart = long.MaxValue;
        var windowEnd = long.MaxValue;
        var stop = false;

        var tasks = Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            var clock = new StepClock(steps.Length);
            for (long n = 0; !Volatile.Read(ref stop); n++)
            {
                var started = Stopwatch.GetTimestamp();
                clock.Begin(started);
                try
                {
                    await scenario.RunOnceAsync(w, n, clock);
                    var ended = Stopwatch.GetTimestamp();
                    if (ended < Volatile.Read(ref windowStart) || ended > Volatile.Read(ref windowEnd)) continue;
                    total.Record(started, ended);
                    clock.RecordInto(stepLatencies);
                }
                catch (Exception e)
                {
                    var failed = Stopwatch.GetTimestamp();
                    if (failed < Volatile.Read(ref windowStart) || failed > Volatile.Read(ref windowEnd)) continue;
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, $"{e.GetType().Name}: {e.Message.Split('\n')[0]}", null);
                    // A failing call can return at once; back off so one fault does not become a spin.
                    await Task.Delay(10);
                }
            }
        })).ToArray();

        await Task.Delay(warmUp);
        var before = cpu.Sample();
        Volatile.Write(ref windowStart, Stopwatch.GetTimestamp());
        await Task.Delay(duration);
        Volatile.Write(ref windowEnd, Stopwatch.GetTimestamp());
        var after = cpu.Sample();
        Volatile.Write(ref stop, true);
        await Task.WhenAll(tasks);

        var seconds = Stopwatch.GetElapsedTime(windowStart, windowEnd).TotalSeconds;
        return new Measurement(scenario.Name, workers, total.Count * scenario.ItemsPerOperation / seconds, total, steps, errors, firstError, CpuMeter.Between(before, after));
    }
}
