namespace Hive.Silo.InMemory;

/// <summary>
/// Keeps open alerts in memory and logs each one raised or resolved. It stands in until alerts become
/// escalations; tests read <see cref="Open"/> and <see cref="History"/>.
/// </summary>
public sealed partial class InMemoryAlertSink(ILogger<InMemoryAlertSink> log) : IAlertSink
{
    private readonly Dictionary<string, HiveAlert> _open = new(StringComparer.Ordinal);
    private readonly List<string> _history = [];
    private readonly Lock _gate = new();

    public IReadOnlyCollection<HiveAlert> Open
    {
        get { lock (_gate) return _open.Values.ToArray(); }
    }

    /// <summary>"raised KEY" and "cleared KEY" lines, in order.</summary>
    public IReadOnlyList<string> History
    {
        get { lock (_gate) return _history.ToArray(); }
    }

    public Task RaiseAsync(HiveAlert alert, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_open.TryAdd(alert.Key, alert)) return Task.CompletedTask;
            _history.Add("raised " + alert.Key);
        }
        LogRaised(log, alert.Severity, alert.Key, alert.Description);
        return Task.CompletedTask;
    }

    public Task ClearAsync(string key, string note, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_open.Remove(key)) return Task.CompletedTask;
            _history.Add("cleared " + key);
        }
        LogCleared(log, key, note);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert {Severity} {Key}: {Description}")]
    private static partial void LogRaised(ILogger logger, string severity, string key, string description);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert {Key} resolved: {Note}")]
    private static partial void LogCleared(ILogger logger, string key, string note);
}
