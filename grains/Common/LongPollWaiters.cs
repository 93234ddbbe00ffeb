namespace Hive.Common;

/// <summary>
/// The long polls waiting in one grain activation, counted in total and per caller. A long poll interleaves with every
/// other call and holds its request for up to 25 s, so without caps one caller (or a crowd) could pile up requests
/// without end. A grain runs one turn at a time, so the counts need no lock; a place is freed when its wait ends,
/// however it ends. Pure, so it is table-tested without a cluster.
/// </summary>
internal sealed class LongPollWaiters(int maxWaiters, int maxPerCaller, string entity, TimeSpan retryAfter, Action? refused = null)
{
    private readonly Dictionary<string, int> _byCaller = new(StringComparer.Ordinal);

    /// <summary>How many long polls wait now.</summary>
    public int Count { get; private set; }

    /// <summary>How many of them <paramref name="caller"/> holds.</summary>
    public int HeldBy(string caller) => _byCaller.GetValueOrDefault(caller);

    /// <summary>
    /// Waits until <paramref name="signal"/> completes or <paramref name="wait"/> passes, holding a place for
    /// <paramref name="caller"/> meanwhile; true when the signal came. With the grain's or the caller's places all taken
    /// it does not wait and raises <c>rate-limited</c> with a retry-after instead.
    /// </summary>
    public async Task<bool> WaitAsync(string caller, Task signal, TimeSpan wait)
    {
        Enter(caller);
        try
        {
            await signal.WaitAsync(wait);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
        finally
        {
            Leave(caller);
        }
    }

    private void Enter(string caller)
    {
        var held = HeldBy(caller);
        if (Count < maxWaiters && held < maxPerCaller)
        {
            _byCaller[caller] = held + 1;
            Count++;
            return;
        }
        refused?.Invoke();
        var message = Count >= maxWaiters
            ? $"{entity} already has {Count} long polls waiting, as many as it takes. Ask again after {retryAfter.TotalSeconds:0.###} s, "
              + "or without a wait."
            : $"Caller '{caller}' already has {held} long polls waiting on {entity}, as many as one caller may. Let one of them "
              + $"answer before asking again (after {retryAfter.TotalSeconds:0.###} s), or ask without a wait.";
        throw new HiveException(HiveErrorCodes.RateLimited, message, entity) { RetryAfter = retryAfter };
    }

    private void Leave(string caller)
    {
        Count--;
        var held = HeldBy(caller) - 1;
        if (held > 0) _byCaller[caller] = held;
        else _byCaller.Remove(caller);
    }
}
