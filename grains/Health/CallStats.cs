namespace Hive.Health;

/// <summary>Counts client calls and the ones that failed unexpectedly on this silo, for the failed-call-rate signal.</summary>
public sealed class CallStats
{
    private long _calls;
    private long _failures;

    public void Called() => Interlocked.Increment(ref _calls);

    public void Failed() => Interlocked.Increment(ref _failures);

    /// <summary>The share of calls that failed since the last reading; null when there were none.</summary>
    public double? TakeFailureRate()
    {
        var calls = Interlocked.Exchange(ref _calls, 0);
        var failures = Interlocked.Exchange(ref _failures, 0);
        return calls == 0 ? null : (double)failures / calls;
    }
}
