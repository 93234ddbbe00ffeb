using System.Collections.Concurrent;
using Hive.Deadlines;
using Hive.Ports;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Hive.Agents;

/// <summary>
/// Brings back agents whose activation a failed state write discarded. Such an agent parks no wake-up (storage may not
/// have its state), and its catalog row still names this silo, alive, as its host, so the deadline sweeper has no reason
/// to wake it: if it then stays silent and nothing calls it, nobody would notice. This silo wakes it every sweep interval
/// until an activation has taken it over, which checks its heartbeat from then on. Should this silo die first, its row
/// names a dead host and the sweeper wakes it elsewhere. Holds at most one entry per agent that lived here.
/// </summary>
public sealed partial class AgentRevival(IGrainFactory grains, IOptions<HiveTimingOptions> timing, ILogger<AgentRevival> log)
    : BackgroundService
{
    private readonly ConcurrentDictionary<string, byte> _pending = new(StringComparer.Ordinal);

    /// <summary>Called by an agent whose write failed, as its activation is discarded.</summary>
    public void Add(string agentId) => _pending.TryAdd(agentId, 0);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var ticks = new PeriodicTimer(timing.Value.SweepInterval);
        while (await ticks.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var agentId in _pending.Keys) await ReviveAsync(agentId);
        }
    }

    /// <summary>Wakes the agent; once an activation has come up (its start writes its row again), it is off the list.</summary>
    private async Task ReviveAsync(string agentId)
    {
        try
        {
            await WakeTargets.Wake(grains, EntityKind.Agent, agentId);
            _pending.TryRemove(agentId, out _);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogReviveFailed(log, e.Message, agentId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not bring agent {AgentId} back yet ({Reason}); trying again next sweep")]
    private static partial void LogReviveFailed(ILogger logger, string reason, string agentId);
}
