using System.Collections.Concurrent;

namespace Hive.Chaos;

/// <summary>
/// Times every write the driver makes and keeps the outcomes, so the run can say how long the hive was disturbed
/// after a silo was killed: from the first disturbed call after <see cref="Mark"/> until every kind of call has
/// succeeded again, in full, after the last disturbed one.
/// </summary>
public sealed class CallLog
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentQueue<CallRecord> _calls = new();
    private long _markTicks = -1;

    /// <summary>
    /// A call slower than this counts as disturbed even if it succeeded: a write held for seconds while the cluster
    /// finds out a silo is gone has not been served normally, and counting only errors would hide it.
    /// </summary>
    public TimeSpan SlowCall { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan Now => _clock.Elapsed;

    public TimeSpan? MarkedAt => Interlocked.Read(ref _markTicks) is var t and >= 0 ? TimeSpan.FromTicks(t) : null;

    public IReadOnlyList<CallRecord> Calls => [.. _calls];

    /// <summary>Remembers now as the moment of the fault (a kill, an outage); recovery is measured from here.</summary>
    public void Mark() => Interlocked.CompareExchange(ref _markTicks, Now.Ticks, -1);

    public async Task<T> TimeAsync<T>(CallKind kind, Func<Task<T>> call)
    {
        var started = Now;
        try
        {
            var result = await call();
            _calls.Enqueue(new CallRecord(kind, started, Now, null));
            return result;
        }
        catch (Exception e)
        {
            _calls.Enqueue(new CallRecord(kind, started, Now, CodeOf(e)));
            throw;
        }
    }

    /// <summary>
    /// Zero when nothing was disturbed after the mark (or there is no mark); null when some kind of call never
    /// succeeded again after the last disturbance, which means the hive did not recover within the run.
    /// </summary>
    public TimeSpan? Recovery()
    {
        if (MarkedAt is not { } mark) return TimeSpan.Zero;
        var after = Calls.Where(c => c.Ended >= mark).ToList();
        var disturbed = after.Where(Disturbed).ToList();
        if (disturbed.Count == 0) return TimeSpan.Zero;
        var from = disturbed.Min(c => c.Started) is var first && first > mark ? first : mark;
        var lastTrouble = disturbed.Max(c => c.Started);
        var kinds = after.Select(c => c.Kind).Distinct();
        TimeSpan? until = TimeSpan.Zero;
        foreach (var kind in kinds)
        {
            var healthy = after.Where(c => c.Kind == kind && c.Started > lastTrouble && !Disturbed(c)).Select(c => (TimeSpan?)c.Ended).Min();
            if (healthy is null) return null;
            if (healthy > until) until = healthy;
        }
        return until - from;
    }

    /// <summary>What went wrong after the mark, for the drill's output: counts by error, and when, relative to the mark.</summary>
    public string DescribeDisturbance()
    {
        if (MarkedAt is not { } mark) return "no fault was marked";
        var disturbed = Calls.Where(c => c.Ended >= mark && Disturbed(c)).ToList();
        if (disturbed.Count == 0) return "no call was disturbed after the fault";
        var kinds = string.Join(", ", disturbed.GroupBy(c => $"{c.Kind.ToString().ToLowerInvariant()} {c.Error ?? "slow"}")
            .OrderByDescending(g => g.Count()).Select(g => $"{g.Key} x{g.Count()}"));
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{disturbed.Count} disturbed calls ({kinds}), started +{(disturbed.Min(c => c.Started) - mark).TotalSeconds:0.0} s to +{(disturbed.Max(c => c.Started) - mark).TotalSeconds:0.0} s, ended by +{(disturbed.Max(c => c.Ended) - mark).TotalSeconds:0.0} s after the fault");
    }

    /// <summary>Failed or slow. A full inbox is back-pressure from a receiver that is behind, not a fault of the hive.</summary>
    private bool Disturbed(CallRecord call) => call is { Succeeded: false, Error: not HiveErrorCodes.InboxFull } || call.Took > SlowCall;

    private static string CodeOf(Exception e) => e is HiveException hive ? hive.Code : e.GetType().Name;
}
