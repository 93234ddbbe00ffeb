using System.Diagnostics;
using HdrHistogram;

namespace Hive.LoadGen;

/// <summary>Latencies in microseconds, recorded from any number of workers at once, read as milliseconds.</summary>
internal sealed class Latency
{
    // One minute is far past any call timeout, so nothing a run can produce falls off the top.
    private readonly LongConcurrentHistogram _histogram = new(1, 60_000_000, 3);

    public void Record(long startTimestamp, long endTimestamp)
    {
        var micros = (long)Stopwatch.GetElapsedTime(startTimestamp, endTimestamp).TotalMicroseconds;
        _histogram.RecordValue(Math.Clamp(micros, 1, _histogram.HighestTrackableValue));
    }

    public long Count => _histogram.TotalCount;

    public double PercentileMs(double percentile) => _histogram.TotalCount == 0 ? 0 : _histogram.GetValueAtPercentile(percentile) / 1000.0;
}
