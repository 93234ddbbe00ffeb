using System.Diagnostics;

namespace Hive.LoadGen;

/// <summary>
/// Times the steps inside one operation (create, claim, progress, complete): each <see cref="Lap"/> closes the step
/// begun at the previous lap. The loop hands a worker the same clock for every operation and keeps it only when the
/// operation falls inside the measured window.
/// </summary>
internal sealed class StepClock(int steps)
{
    private readonly long[] _ends = new long[steps];
    private long _start;
    private int _next;

    public void Begin(long timestamp)
    {
        _start = timestamp;
        _next = 0;
    }

    public void Lap() => _ends[_next++] = Stopwatch.GetTimestamp();

    /// <summary>Adds this operation's steps to <paramref name="latencies"/> (one per step, in order).</summary>
    public void RecordInto(IReadOnlyList<Latency> latencies)
    {
        var from = _start;
        for (var i = 0; i < _next && i < latencies.Count; i++)
        {
            latencies[i].Record(from, _ends[i]);
            from = _ends[i];
        }
    }
}
