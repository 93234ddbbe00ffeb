using Hive.Retention;

namespace Hive.Silo.Retention;

/// <summary>
/// Asks the retention grain for a pass every <c>Hive:Retention:Interval</c>, and again at once while a pass stopped with more
/// to do. Every silo runs one, so retention goes on while any silo lives; the grain never runs two passes at once.
/// </summary>
public sealed partial class RetentionKeeper(IGrainFactory grains, IOptions<RetentionOptions> options, ILogger<RetentionKeeper> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.PurgesAudit && !settings.PurgesEntities) return;
        using var ticks = new PeriodicTimer(settings.Interval);
        while (await ticks.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                RetentionReport report;
                do report = await grains.GetGrain<IRetentionGrain>(0).Run();
                while (report.MoreRemains && !stoppingToken.IsCancellationRequested);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogPassFailed(log, e.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention pass failed; the next interval tries again: {Reason}")]
    private static partial void LogPassFailed(ILogger logger, string reason);
}
