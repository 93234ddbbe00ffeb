namespace Hive.Silo.Storage.Resilience;

/// <summary>
/// How PostgreSQL has been behaving for the append stores: circuit state, recent latency, last failure. One per silo;
/// readiness checks and metrics read it, the storage pipeline writes it. Thread-safe.
/// </summary>
public sealed class StorageHealth(TimeProvider? time = null)
{
    private const int Window = 512;
    // About the last ten attempts carry most of the average's weight: quick to show a slowdown, calm on one outlier.
    private const double EwmaWeight = 0.2;

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Lock _gate = new();
    private readonly double[] _latencies = new double[Window];
    private readonly DateTimeOffset[] _sampledAt = new DateTimeOffset[Window];
    private int _next;
    private int _count;
    private double _ewma;
    private long _successes;
    private long _failures;
    private StorageCircuit _circuit;
    private DateTimeOffset? _openUntil;
    private DateTimeOffset? _lastSuccessAt;
    private DateTimeOffset? _lastFailureAt;
    private string? _lastFailure;

    public StorageCircuit Circuit
    {
        get { lock (_gate) return _circuit; }
    }

    public StorageHealthSnapshot Snapshot()
    {
        double[] recent;
        lock (_gate)
        {
            recent = _latencies.AsSpan(0, _count).ToArray();
            Array.Sort(recent);
            return new StorageHealthSnapshot(_circuit, _openUntil, _lastSuccessAt, _lastFailureAt, _lastFailure, _successes, _failures,
                _ewma, Percentile(recent, 0.50), Percentile(recent, 0.95), Percentile(recent, 0.99), recent.Length);
        }
    }

    internal void RecordSuccess(TimeSpan latency)
    {
        var ms = latency.TotalMilliseconds;
        lock (_gate)
        {
            _latencies[_next] = ms;
            _sampledAt[_next] = _time.GetUtcNow();
            _next = (_next + 1) % Window;
            _count = Math.Min(_count + 1, Window);
            _ewma = _successes == 0 ? ms : _ewma + (EwmaWeight * (ms - _ewma));
            _successes++;
            _lastSuccessAt = _time.GetUtcNow();
        }
    }

    /// <summary>
    /// The p99 latency of the calls made within <paramref name="within"/>, or null when there were none. The service
    /// level judges storage by this, not by the last samples whatever their age: a hive that sheds writes after a slow
    /// spike makes few storage calls, and must not stay degraded on the memory of that spike.
    /// </summary>
    public double? RecentLatencyP99(TimeSpan within)
    {
        lock (_gate)
        {
            var since = _time.GetUtcNow() - within;
            var recent = new List<double>(_count);
            for (var i = 0; i < _count; i++)
            {
                if (_sampledAt[i] >= since) recent.Add(_latencies[i]);
            }
            if (recent.Count == 0) return null;
            recent.Sort();
            return Percentile([.. recent], 0.99);
        }
    }

    internal void RecordFailure(Exception error)
    {
        var description = StorageFaults.Describe(error);
        lock (_gate)
        {
            _failures++;
            _lastFailureAt = _time.GetUtcNow();
            _lastFailure = description;
        }
    }

    internal void CircuitOpened(TimeSpan breakDuration)
    {
        lock (_gate)
        {
            _circuit = StorageCircuit.Open;
            _openUntil = _time.GetUtcNow() + breakDuration;
        }
    }

    internal void CircuitHalfOpened()
    {
        lock (_gate) _circuit = StorageCircuit.HalfOpen;
    }

    internal void CircuitClosed()
    {
        lock (_gate)
        {
            _circuit = StorageCircuit.Closed;
            _openUntil = null;
        }
    }

    /// <summary>Nearest-rank percentile of sorted samples.</summary>
    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
