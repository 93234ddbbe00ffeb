using Hive.Deadlines;

namespace Hive.Silo.Hosting;

/// <summary>
/// Pings the deadline sweeper from every silo, so that when the silo hosting it dies, a survivor activates it
/// again within one sweep interval. Failures while the silo starts or stops are expected and retried.
/// </summary>
public sealed partial class SweeperKeeper(IGrainFactory grains, IOptions<HiveTimingOptions> timing, ILogger<SweeperKeeper> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var ticks = new PeriodicTimer(timing.Value.SweepInterval);
        do
        {
            try
            {
                await grains.GetGrain<IDeadlineSweeperGrain>(0).Ensure();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogPingFailed(log, e.Message);
            }
        }
        while (await ticks.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Deadline sweeper not reachable yet: {Reason}")]
    private static partial void LogPingFailed(ILogger logger, string reason);
}
