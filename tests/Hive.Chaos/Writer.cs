namespace Hive.Chaos;

/// <summary>
/// One stream of writes. It records a write as acknowledged only when the hive answered it successfully: a write
/// that failed or timed out may or may not have happened, so it is neither acknowledged nor held against the hive.
/// </summary>
public abstract class Writer(HiveClient hive, CallLog log, string runId, int index)
{
    /// <summary>A pause after a failed call, so a writer does not spin while a silo is being declared dead.</summary>
    private static readonly TimeSpan AfterFailure = TimeSpan.FromMilliseconds(50);

    protected HiveClient Hive { get; } = hive;
    protected CallLog Log { get; } = log;

    /// <summary>A name unique to this run and writer, usable as any Hive id.</summary>
    protected string Name(string role) => $"{runId}-{role}{index}";

    /// <summary>The kind of write this writer measures.</summary>
    public abstract CallKind Kind { get; }

    /// <summary>The agents this writer registers, keeps alive with heartbeats while it runs, and deregisters at the end.</summary>
    protected virtual IEnumerable<string> Agents => [];

    /// <summary>Registers the writer's agents and makes them ready, before the load starts.</summary>
    public async Task PrepareAsync(Patiently patiently, CancellationToken cancellationToken)
    {
        foreach (var agent in Agents)
        {
            await patiently.ReadAsync(() => Hive.Agents.RegisterAsync(new AgentSpec(agent, "Chaos writer", ["chaos"])), cancellationToken);
            await patiently.ReadAsync(() => Hive.Agents.HeartbeatAsync(agent), cancellationToken);
        }
    }

    /// <summary>
    /// Heartbeats every few seconds until <paramref name="stop"/>: an agent that went silent would turn unresponsive,
    /// and a hive whose agents are all unresponsive drops to emergency service and refuses the very writes measured here.
    /// Heartbeats are not measured; a failed one is simply sent again next time.
    /// </summary>
    public async Task KeepAliveAsync(CancellationToken stop)
    {
        while (true)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(5), stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            try
            {
                await Task.WhenAll(Agents.Select(a => Hive.Agents.HeartbeatAsync(a)));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Sent again next round.
            }
        }
    }

    /// <summary>After verification: takes the writer's agents offline, so a later run on the same hive starts from live agents only.</summary>
    public virtual async Task RetireAsync(Patiently patiently, CancellationToken cancellationToken)
    {
        foreach (var agent in Agents) await patiently.ReadAsync(() => Hive.Agents.DeregisterAsync(agent, agent), cancellationToken);
    }

    /// <summary>Writes until <paramref name="stop"/> is cancelled; a call in flight then still finishes and counts.</summary>
    public abstract Task RunAsync(CancellationToken stop);

    /// <summary>Reads back what was acknowledged, once every writer has stopped.</summary>
    public abstract Task<Tally> VerifyAsync(Patiently patiently, CancellationToken cancellationToken);

    protected static async Task PauseAsync(CancellationToken stop)
    {
        try
        {
            await Task.Delay(AfterFailure, stop);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the loop ends at its next check.
        }
    }
}
