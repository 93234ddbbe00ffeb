using Hive.Ports;
using Microsoft.Extensions.Options;

namespace Hive.Deadlines;

/// <summary>
/// On a keep-alive timer, wakes the grains whose catalog wake-up is due, and the grains whose in-memory deadline
/// was lost with a dead silo (rows whose host membership has declared dead): both come back on a live silo.
/// </summary>
public sealed partial class DeadlineSweeperGrain(
    IEntityCatalog catalog,
    IClusterMembershipService membership,
    HiveClock clock,
    IOptions<HiveTimingOptions> timing,
    ILogger<DeadlineSweeperGrain> log) : Grain, IDeadlineSweeperGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A forged key's activation only lives to be refused by the credential filter; it must not sweep anything.
        if (!SingletonKey.IsOwn(this)) return Task.CompletedTask;
        var every = timing.Value.SweepInterval;
        this.RegisterGrainTimer(static (self, _) => self.Sweep(), this, new GrainTimerCreationOptions(every, every) { KeepAlive = true });
        return Task.CompletedTask;
    }

    public Task Ensure() => Task.CompletedTask;

    public async Task<int> Sweep()
    {
        var batch = timing.Value.SweepBatchSize;
        var due = await catalog.DueAsync(clock.Now, batch);
        var deadHosts = DeadHosts();
        var stranded = deadHosts.Count == 0 ? [] : await catalog.HostedOnAsync(deadHosts, batch);
        var rows = due.Concat(stranded).DistinctBy(r => (r.Kind, r.Id));
        var woken = await Task.WhenAll(rows.Select(WakeAsync));
        return woken.Count(ok => ok);
    }

    /// <summary>Silos membership has declared dead. Their entries stay in the membership table long after our sweeps.</summary>
    private List<string> DeadHosts() =>
        membership.CurrentSnapshot.Members.Values
            .Where(m => m.Status == SiloStatus.Dead)
            .Select(m => m.SiloAddress.ToParsableString())
            .ToList();

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
