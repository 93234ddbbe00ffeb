using System.Diagnostics;
using Hive.Ports;
using Microsoft.Extensions.Options;

namespace Hive.Retention;

/// <summary>
/// Purges past the retention periods, a bounded slice per call. Audit events go in small batches, each exported (and on
/// disk) before its short delete transaction. Finished entities are found in the catalog by status and age and purged by
/// their own grains, which check their state again and remove it with their catalog row in one write. The entity walk
/// resumes where the last call stopped, so rows that refuse (a task with live dependents) never starve the rest.
/// </summary>
public sealed partial class RetentionGrain(
    IEntityCatalog catalog,
    IAuditLog audit,
    IAuditArchive archive,
    HiveClock clock,
    IOptions<RetentionOptions> options,
    ILogger<RetentionGrain> log) : Grain, IRetentionGrain
{
    /// <summary>
    /// Well inside the call timeout, even for a silo whose call queues behind another silo's: what is left waits for the next
    /// call, which the keeper makes at once.
    /// </summary>
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(5);

    /// <summary>Purges in flight at once: each is a grain call and a write, so a page does not activate hundreds of grains together.</summary>
    private const int Parallelism = 16;

    private readonly RetentionOptions _options = options.Value;
    private readonly Dictionary<EntityKind, string?> _resumeAfter = [];

    public async Task<RetentionReport> Run()
    {
        var started = Stopwatch.GetTimestamp();
        bool spent() => Stopwatch.GetElapsedTime(started) > Budget;
        var (events, auditLeft) = _options.PurgesAudit ? await PurgeAuditAsync(spent) : (0, false);
        var (entities, entitiesLeft) = _options.PurgesEntities ? await PurgeEntitiesAsync(spent) : (0, false);
        if (events > 0 || entities > 0) LogPurged(log, events, entities);
        return new RetentionReport(events, entities, auditLeft || entitiesLeft);
    }

    private async Task<(int Purged, bool Left)> PurgeAuditAsync(Func<bool> spent)
    {
        var before = clock.Now - _options.Audit;
        var purged = 0;
        try
        {
            while (!spent())
            {
                var batch = await audit.OlderThanAsync(before, _options.BatchSize);
                if (batch.Count == 0) return (purged, false);
                // Deleted only once the copy is durable: a failure here leaves the events where they were.
                await archive.KeepAsync(batch);
                await audit.RemoveAsync(batch.Select(r => r.Sequence).ToArray());
                purged += batch.Count;
                if (batch.Count < _options.BatchSize) return (purged, false);
            }
            return (purged, true);
        }
        catch (Exception e)
        {
            LogAuditFailed(log, e, purged);
            return (purged, false);
        }
    }

    private async Task<(int Purged, bool Left)> PurgeEntitiesAsync(Func<bool> spent)
    {
        var before = clock.Now - _options.FinishedEntities;
        var purged = 0;
        var left = false;
        foreach (var (kind, statuses) in PurgeTargets.FinishedStatuses)
        {
            var after = _resumeAfter.GetValueOrDefault(kind);
            try
            {
                while (!spent())
                {
                    var rows = await catalog.FinishedBeforeAsync(kind, statuses, before, after, _options.BatchSize);
                    foreach (var chunk in rows.Chunk(Parallelism))
                        purged += (await Task.WhenAll(chunk.Select(row => PurgeAsync(row, before)))).Count(done => done);
                    // A short page is the end of the walk; the next one starts over from the first row.
                    after = rows.Count < _options.BatchSize ? null : rows[^1].Id;
                    if (after is null) break;
                }
            }
            catch (Exception e)
            {
                LogCatalogFailed(log, e, kind);
            }
            _resumeAfter[kind] = after;
            left |= after is not null;
        }
        return (purged, left);
    }

    private async Task<bool> PurgeAsync(CatalogEntry row, DateTimeOffset finishedBefore)
    {
        try
        {
            return await PurgeTargets.Of(GrainFactory, row.Kind, row.Id).Purge(finishedBefore);
        }
        catch (Exception e)
        {
            LogEntityFailed(log, e, row.Kind, row.Id);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention purged {AuditEvents} audit events and {Entities} finished entities")]
    private static partial void LogPurged(ILogger logger, int auditEvents, int entities);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit retention stopped after {Purged} events; the next pass tries again")]
    private static partial void LogAuditFailed(ILogger logger, Exception exception, int purged);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read {Kind} rows to purge; the next pass tries again")]
    private static partial void LogCatalogFailed(ILogger logger, Exception exception, EntityKind kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not purge {Kind} {Id}; the next pass tries again")]
    private static partial void LogEntityFailed(ILogger logger, Exception exception, EntityKind kind, string id);
}
