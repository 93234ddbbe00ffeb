using System.Runtime.CompilerServices;
using Hive.Memory;

namespace Hive.Client;

/// <summary>
/// Turns a channel's long poll into an endless stream. It always asks for the changes after the last revision it
/// yielded, so a poll that failed (silo gone, connection lost, timeout) is simply asked again, after a bounded
/// exponential backoff, with no gap and no duplicate. Only cancellation and permanent Hive errors end it.
/// </summary>
internal sealed class MemoryWatchLoop(Func<long, CancellationToken, Task<WatchResult>> poll, Func<int, TimeSpan>? backoff = null)
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxRetry = TimeSpan.FromSeconds(5);

    private readonly Func<int, TimeSpan> _backoff = backoff ?? Backoff;

    public async IAsyncEnumerable<MemoryWatchEvent> RunAsync(long afterRevision, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var after = afterRevision;
        var failures = 0;
        while (true)
        {
            var result = await TryPollAsync(after, cancellationToken);
            if (result is null)
            {
                await Task.Delay(_backoff(++failures), cancellationToken);
                continue;
            }
            failures = 0;
            if (result.Compacted)
            {
                after = result.CurrentRevision;
                yield return MemoryWatchEvent.CompactedAt(after);
                continue;
            }
            // Nothing but skipped revisions up to the current one (a failed write leaves its revision unused): move past them.
            if (result.Changes.Count == 0) after = Math.Max(after, result.CurrentRevision);
            foreach (var change in result.Changes)
            {
                if (change.Revision <= after) continue; // never yield a revision twice, whatever a server answers
                after = change.Revision;
                yield return MemoryWatchEvent.Changed(change);
            }
        }
    }

    /// <summary>Doubles from 100 ms up to 5 s, with jitter so many watchers of a lost silo do not return in step.</summary>
    public static TimeSpan Backoff(int failures)
    {
        var ceiling = Math.Min(MaxRetry.TotalMilliseconds, FirstRetry.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 16)));
        return TimeSpan.FromMilliseconds(ceiling * (0.5 + (Random.Shared.NextDouble() / 2)));
    }

    /// <summary>The poll's answer, or null when it failed in a way that asking again may cure.</summary>
    private async Task<WatchResult?> TryPollAsync(long after, CancellationToken cancellationToken)
    {
        try
        {
            return await poll(after, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (HiveException e) when (!HiveErrorCodes.IsTransient(e.Code))
        {
            throw;
        }
        catch (Exception e) when (e is not ObjectDisposedException)
        {
            return null;
        }
    }
}
