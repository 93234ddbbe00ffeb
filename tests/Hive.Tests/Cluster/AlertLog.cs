using Hive.Ports;

namespace Hive.Tests.Cluster;

/// <summary>What every silo of the test cluster raised and cleared, in order, for tests to assert on.</summary>
public sealed class AlertLog
{
    private readonly Dictionary<string, HiveAlert> _open = new(StringComparer.Ordinal);
    private readonly List<string> _history = [];
    private readonly Lock _gate = new();

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

/// <summary>Records each alert in the shared <see cref="AlertLog"/>, then hands it to the silo's real sink (escalations).</summary>
public sealed class RecordingAlertSink(AlertLog log, IAlertSink inner) : IAlertSink
{
    public Task RaiseAsync(HiveAlert alert, CancellationToken cancellationToken = default)
    {
        log.Raised(alert);
        return inner.RaiseAsync(alert, cancellationToken);
    }

    public Task ClearAsync(string key, string note, CancellationToken cancellationToken = default)
    {
        log.Cleared(key);
        return inner.ClearAsync(key, note, cancellationToken);
    }
}
