using Hive.Ports;
using Microsoft.Extensions.Options;

namespace Hive.Deadlines;

/// <summary>Reads due wake-ups from the catalog on a keep-alive timer and wakes those grains.</summary>
public sealed partial class DeadlineSweeperGrain(
    IEntityCatalog catalog,
    HiveClock clock,
    IOptions<HiveTimingOptions> timing,
    ILogger<DeadlineSweeperGrain> log) : Grain, IDeadlineSweeperGrain
{
    private const int BatchSize = 500;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var every = timing.Value.SweepInterval;
        this.RegisterGrainTimer(static (self, _) => self.Sweep(), this, new GrainTimerCreationOptions(every, every) { KeepAlive = true });
        return Task.CompletedTask;
    }

    public Task Ensure() => Task.CompletedTask;

    public async Task<int> Sweep()
    {
        var due = await catalog.DueAsync(clock.Now, BatchSize);
        var woken = await Task.WhenAll(due.Select(WakeAsync));
        return woken.Count(ok => ok);
    }

    private async Task<bool> WakeAsync(CatalogEntry row)
    {
        try
        {
            await WakeTargets.Wake(GrainFactory, row.Kind, row.Id);
            return true;
        }
        catch (Exception e)
        {
            LogWakeFailed(log, e, row.Kind, row.Id);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not wake {Kind} {Id}; the next sweep tries again")]
    private static partial void LogWakeFailed(ILogger logger, Exception exception, EntityKind kind, string id);
}
