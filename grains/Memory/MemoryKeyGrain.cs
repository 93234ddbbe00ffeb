using Hive.Deadlines;
using Hive.Ports;
using Microsoft.Extensions.Options;

namespace Hive.Memory;

/// <summary>
/// One memory key. A write is validated, numbered by the channel, then stored with its change-log row, catalog row and
/// audit event in one transaction. While the value has a time to live a keep-alive timer removes it when it runs out;
/// the catalog row's wake time lets the deadline sweeper do the same after the activation is lost.
/// </summary>
public sealed partial class MemoryKeyGrain(
    [PersistentState("memory-key", HiveStorage.Name)] IPersistentState<MemoryKeyState> stored,
    HiveClock clock,
    IOptions<MemoryOptions> options,
    IOptions<HiveTimingOptions> timing,
    IEntityCatalog catalog,
    ChangeRecorder recorder,
    HiveMetrics metrics,
    ILogger<MemoryKeyGrain> log) : Grain, IMemoryKeyGrain, IWakeableGrain
{
    private readonly int _maxValueBytes = options.Value.MaxValueBytes;
    private readonly TimeSpan _checkInterval = timing.Value.CheckInterval;
    private MemoryPath? _path;
    private IGrainTimer? _expiryCheck;

    private MemoryKeyState State => stored.State;

    /// <summary>Parsed on use rather than on activation, so a malformed key answers with a validation error.</summary>
    private MemoryPath Path => _path ??= MemoryPath.Parse(GrainKeys.IdOf(this.GetPrimaryKeyString()));

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        WatchExpiry();
        return Task.CompletedTask;
    }

    public async Task<MemoryEntry> Put(string valueJson, string author, long? expectedVersion, TimeSpan? ttl)
    {
        var entity = Path.Entity;
        HiveIds.Require(author, "Author");
        MemoryValueRules.RequireValue(valueJson, _maxValueBytes, entity);
        MemoryValueRules.RequireTtl(ttl, entity);
        MemoryCas.RequireValid(expectedVersion, entity);
        await ExpireIfDueAsync();
        MemoryCas.Require(expectedVersion, State.CurrentVersion, entity);
        await ApplyAsync(MemoryChangeKind.Put, valueJson, author, clock.Now + ttl);
        metrics.MemoryWritten("put");
        return Snapshot()!;
    }

    public Task<MemoryEntry?> Get() => Task.FromResult(Snapshot());

    public async Task<bool> Delete(string author, long? expectedVersion)
    {
        var entity = Path.Entity;
        HiveIds.Require(author, "Author");
        MemoryCas.RequireValid(expectedVersion, entity);
        await ExpireIfDueAsync();
        MemoryCas.Require(expectedVersion, State.CurrentVersion, entity);
        if (!State.HasValue) return false;
        await ApplyAsync(MemoryChangeKind.Delete, null, author, null);
        metrics.MemoryWritten("delete");
        return true;
    }

    public async Task Wake()
    {
        if (await ExpireIfDueAsync()) return;
        // The sweeper found the row due, yet nothing expired: the row is older than the state (its last upsert
        // failed). Rewrite it, or the sweeper would wake this key on every sweep.
        if (State.Version > 0) await catalog.UpsertAsync([MemoryKeyCatalogRow.From(Path, State)]);
        WatchExpiry();
    }

    private async Task<bool> ExpireIfDueAsync()
    {
        if (!State.IsExpiredAt(clock.Now)) return false;
        LogExpiring(log, Path.Id, State.Version, State.ExpiresAt!.Value);
        await ApplyAsync(MemoryChangeKind.Expire, null, HiveStorage.SystemActor, null);
        return true;
    }

    /// <summary>
    /// Takes a revision from the channel, then writes the state, the change's log row, catalog row and audit event in one
    /// transaction (or, where the storage cannot, the log, catalog and audit right after the state). The channel learns
    /// the outcome either way: a write that failed leaves its revision unused, never a logged change storage lacks.
    /// </summary>
    private async Task ApplyAsync(MemoryChangeKind kind, string? value, string author, DateTimeOffset? expiresAt)
    {
        var now = clock.Now;
        var version = State.Version + 1;
        var sequencer = GrainFactory.GetGrain<IMemoryChannelSequencer>(Path.Channel.GrainKey);
        var revision = await sequencer.Reserve();
        var change = new MemoryChange(revision, Path.Key, kind, version, value, author, now);
        var before = State;
        stored.State = new MemoryKeyState
        {
            Value = value,
            Version = version,
            Author = author,
            CreatedAt = kind == MemoryChangeKind.Put && !before.HasValue ? now : before.CreatedAt,
            UpdatedAt = now,
            ExpiresAt = expiresAt,
            Revision = revision,
            LastChange = kind,
        };
        var written = false;
        try
        {
            await recorder.SaveAsync(stored, MemoryKeyCatalogRow.From(Path, State), MemoryChangeAudit.From(Path, change, before.Version), () =>
            {
                // Storage may or may not hold the write (an unconfirmed commit): the next activation starts from what it has.
                stored.State = before;
                LogWriteFailed(log, Path.Id, revision);
                DeactivateOnIdle();
            }, new MemoryLogEntry(Path.Channel.Id, change));
            written = true;
        }
        finally
        {
            await SettleAsync(sequencer, revision, written);
        }
        WatchExpiry();
    }

    /// <summary>The write's own outcome stands whatever happens here: an unsettled revision is settled by the channel's timeout.</summary>
    private async Task SettleAsync(IMemoryChannelSequencer sequencer, long revision, bool written)
    {
        try
        {
            await sequencer.Settle(revision, written);
        }
        catch (Exception e)
        {
            LogSettleFailed(log, e, Path.Id, revision);
        }
    }

    private void WatchExpiry()
    {
        if (!State.HasValue || State.ExpiresAt is null)
        {
            _expiryCheck?.Dispose();
            _expiryCheck = null;
            return;
        }
        _expiryCheck ??= this.RegisterGrainTimer(static (self, _) => self.ExpireIfDueAsync(), this,
            new GrainTimerCreationOptions(_checkInterval, _checkInterval) { KeepAlive = true });
    }

    private MemoryEntry? Snapshot()
    {
        var path = Path;
        if (!State.HasValue || State.IsExpiredAt(clock.Now)) return null;
        return new MemoryEntry(path.Channel.Namespace, path.Channel.Channel, path.Key, State.Value!, State.Version, State.Author!,
            State.UpdatedAt, State.ExpiresAt, State.Revision);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Memory key {Key} version {Version} expired (time to live ran out at {ExpiresAt:O})")]
    private static partial void LogExpiring(ILogger logger, string key, long version, DateTimeOffset expiresAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Memory key {Key}: the write for revision {Revision} failed; unless storage holds it after all, the revision stays unused")]
    private static partial void LogWriteFailed(ILogger logger, string key, long revision);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Memory key {Key}: could not report revision {Revision} to its channel; the channel settles it after its timeout")]
    private static partial void LogSettleFailed(ILogger logger, Exception exception, string key, long revision);
}
