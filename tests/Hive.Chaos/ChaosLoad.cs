namespace Hive.Chaos;

/// <summary>
/// The whole drill against a running hive: start the writers, <see cref="Mark"/> the fault, stop, and verify every
/// acknowledged write. Used by the chaos driver process and, as a library, by the failover tests.
/// </summary>
public sealed class ChaosLoad : IDisposable
{
    private readonly ChaosOptions _options;
    private readonly List<Writer> _writers;
    private readonly CancellationTokenSource _stop = new();
    private Task? _running;

    public ChaosLoad(HiveClient hive, ChaosOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        var run = options.RunId;
        _writers =
        [
            .. Enumerable.Range(1, options.MemoryWriters).Select(i => new MemoryWriter(hive, Log, run, i)),
            .. Enumerable.Range(1, options.TaskWriters).Select(i => new TaskWriter(hive, Log, run, i)),
            .. Enumerable.Range(1, options.MessageWriters).Select(i => new MessageWriter(hive, Log, run, i)),
        ];
    }

    public CallLog Log { get; } = new();

    /// <summary>
    /// Registers the writers' agents, starts every writer, and returns once each kind of write has succeeded at least
    /// once: the first calls of a fresh process (connections, code loaded on first use) can take seconds on a busy
    /// machine, and a fault injected before the load really runs would measure nothing.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        var patiently = new Patiently(_options.VerifyPatience);
        foreach (var writer in _writers) await writer.PrepareAsync(patiently, cancellationToken);
        _running = Task.WhenAll(_writers.SelectMany(w => new[]
        {
            Task.Run(() => w.RunAsync(_stop.Token), CancellationToken.None),
            Task.Run(() => w.KeepAliveAsync(_stop.Token), CancellationToken.None),
        }));
        var kinds = _writers.Select(w => w.Kind).Distinct().ToList();
        var warming = Stopwatch.StartNew();
        while (kinds.Except(Log.Calls.Where(c => c.Succeeded).Select(c => c.Kind)).Any())
        {
            if (warming.Elapsed > _options.VerifyPatience || _running.IsCompleted)
                throw new TimeoutException($"Not every kind of write succeeded within {_options.VerifyPatience.TotalSeconds:0} s of starting the load.");
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

    /// <summary>Successful writes so far, for progress output while the load runs.</summary>
    public int Succeeded => Log.Calls.Count(c => c.Succeeded);

    /// <summary>Successful and failed writes so far by kind, for progress output.</summary>
    public string Progress => string.Join(", ", Log.Calls.GroupBy(c => c.Kind).OrderBy(g => g.Key)
        .Select(g => $"{g.Key.ToString().ToLowerInvariant()} {g.Count(c => c.Succeeded)} ok {g.Count(c => !c.Succeeded)} failed"));

    /// <summary>Now is when the fault happens; recovery is measured from here.</summary>
    public void Mark() => Log.Mark();

    /// <summary>
    /// Stops the writers (calls in flight finish), reads back everything they had acknowledged, then takes the run's
    /// agents offline (cancelling a task a writer left half done), so the next run on this hive starts clean.
    /// </summary>
    public async Task<ChaosReport> StopAndVerifyAsync(CancellationToken cancellationToken = default)
    {
        if (_running is null) throw new InvalidOperationException("The load was never started.");
        await _stop.CancelAsync();
        await _running;
        var patiently = new Patiently(_options.VerifyPatience);
        var tally = Tally.Empty;
        foreach (var writer in _writers) tally += await writer.VerifyAsync(patiently, cancellationToken);
        foreach (var writer in _writers) await writer.RetireAsync(patiently, cancellationToken);
        return new ChaosReport(tally, Log.Recovery(), Log.Calls);
    }

    public void Dispose() => _stop.Dispose();
}
