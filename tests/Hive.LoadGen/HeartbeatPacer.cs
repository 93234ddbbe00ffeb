using System.Diagnostics;
using System.Threading.Channels;
using Hive.Client;

namespace Hive.LoadGen;

/// <summary>
/// Keeps every agent the generator registered alive the way a real agent would: a heartbeat at least once per
/// heartbeat interval. Beats the measured workers send count too, so the pacer only fills the gaps they leave.
/// It also watches the largest gap between two beats of one agent: an agent the hive marks unresponsive while that
/// gap stayed under the hive's deadline is a false alarm; above it, the generator (or the hive) fell behind.
/// </summary>
internal sealed class HeartbeatPacer : IAsyncDisposable
{
    private const int Senders = 64;
    private readonly HiveClient _hive;
    private readonly long _intervalTicks;
    private readonly Lock _grow = new();
    private readonly Channel<int> _due = Channel.CreateUnbounded<int>();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _loops;
    private string[] _agents = new string[1024];
    private long[] _lastBeat = new long[1024];
    private int[] _queued = new int[1024];
    private int _count;
    private long _maxGapTicks;
    private long _paced;
    private long _failed;

    public HeartbeatPacer(HiveClient hive, TimeSpan interval)
    {
        _hive = hive;
        _intervalTicks = (long)(interval.TotalSeconds * Stopwatch.Frequency);
        _loops = [Task.Run(ScheduleAsync), .. Enumerable.Range(0, Senders).Select(_ => Task.Run(SendAsync))];
    }

    public long Paced => Interlocked.Read(ref _paced);

    public long Failed => Interlocked.Read(ref _failed);

    public TimeSpan MaxGap => TimeSpan.FromSeconds((double)Interlocked.Read(ref _maxGapTicks) / Stopwatch.Frequency);

    /// <summary>Starts pacing an agent that has just registered (and so has just been seen alive); returns its index.</summary>
    public int Add(string agentId)
    {
        lock (_grow)
        {
            if (_count == _agents.Length)
            {
                Array.Resize(ref _agents, _count * 2);
                Array.Resize(ref _lastBeat, _count * 2);
                Array.Resize(ref _queued, _count * 2);
            }
            _agents[_count] = agentId;
            _lastBeat[_count] = Stopwatch.GetTimestamp();
            return _count++;
        }
    }

    /// <summary>Sends one heartbeat for the agent at <paramref name="index"/> and notes it.</summary>
    public async Task BeatAsync(int index)
    {
        string agent;
        lock (_grow) agent = _agents[index];
        await _hive.Agents.HeartbeatAsync(agent, 0.5);
        var now = Stopwatch.GetTimestamp();
        lock (_grow)
        {
            _maxGapTicks = Math.Max(_maxGapTicks, now - _lastBeat[index]);
            _lastBeat[index] = now;
        }
    }

    /// <summary>Forgets the gaps seen so far (set-up may legitimately stall agents before the measured part begins).</summary>
    public void ResetMaxGap() => Interlocked.Exchange(ref _maxGapTicks, 0);

    private async Task ScheduleAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            int count;
            lock (_grow) count = _count;
            var now = Stopwatch.GetTimestamp();
            for (var i = 0; i < count; i++)
            {
                // Beat when three quarters of the interval has passed, as an agent with a little timer jitter would.
                lock (_grow)
                {
                    if (now - _lastBeat[i] < _intervalTicks * 3 / 4 || _queued[i] != 0) continue;
                    _queued[i] = 1;
                }
                _due.Writer.TryWrite(i);
            }
            try
            {
                await Task.Delay(250, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private async Task SendAsync()
    {
        try
        {
            await foreach (var index in _due.Reader.ReadAllAsync(_stop.Token))
            {
                try
                {
                    await BeatAsync(index);
                    Interlocked.Increment(ref _paced);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Counted and reported; the agent is due again on the next pass.
                    Interlocked.Increment(ref _failed);
                }
                finally
                {
                    lock (_grow) _queued[index] = 0;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed: the pacing ends with the run.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_loops);
        _stop.Dispose();
    }
}
