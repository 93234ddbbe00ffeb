namespace Hive.Tests.Cluster;

/// <summary>What every silo of the test cluster raised and cleared, in order, for tests to assert on.</summary>
public sealed class AlertLog
{
    private readonly Dictionary<string, HiveAlert> _open = new(StringComparer.Ordinal);
    private readonly List<string> _history = [];
    private readonly Lock _gate = new();
    private int _failuresToInject;

    /// <summary>Makes the next <paramref name="count"/> alerts handed to the sink fail, as an unreachable escalation grain would.</summary>
    public void FailNext(int count) => Volatile.Write(ref _failuresToInject, count);

    /// <summary>Throws when a failure is still to be injected.</summary>
    public void ThrowIfFailing()
    {
        if (Interlocked.Decrement(ref _failuresToInject) >= 0) throw new TimeoutException("Injected alert sink failure.");
        Interlocked.CompareExchange(ref _failuresToInject, 0, -1);
    }

    public IReadOnlyCollection<HiveAlert> Open
    {
        get { lock (_gate) return _open.Values.ToArray(); }
    }

    /// <summary>"raised KEY" and "cleared KEY" lines, in order; repeats of an open key are not listed.</summary>
    public IReadOnlyList<string> History
    {
        get { lock (_gate) return _history.ToArray(); }
    }

    public void Raised(HiveAlert alert)
    {
        lock (_gate)
        {
            if (_open.TryAdd(alert.Key, alert)) _history.Add("raised " + alert.Key);
        }
    }

    public void Cleared(string key)
    {
        lock (_gate)
        {
            if (_open.Remove(key)) _history.Add("cleared " + key);
        }
    }
}

/// <summary>
/// Hands each alert to the silo's real sink (escalations) and records it in the shared <see cref="AlertLog"/> once the
/// sink took it, so a test sees an alert only when its escalation really changed.
/// </summary>
public sealed class RecordingAlertSink(AlertLog log, IAlertSink inner) : IAlertSink
{
    public async Task RaiseAsync(HiveAlert alert, CancellationToken cancellationToken = default)
    {
        log.ThrowIfFailing();
        await inner.RaiseAsync(alert, cancellationToken);
        log.Raised(alert);
    }

    public async Task ClearAsync(string key, string note, CancellationToken cancellationToken = default)
    {
        await inner.ClearAsync(key, note, cancellationToken);
        log.Cleared(key);
    }
}
