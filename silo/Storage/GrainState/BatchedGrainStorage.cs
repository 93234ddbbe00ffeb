using System.Globalization;
using Hive.Silo.Storage.Append;
using Hive.Silo.Storage.GroupCommit;
using Hive.Silo.Storage.Resilience;
using Orleans.Serialization.Serializers;
using Npgsql;
using Orleans.Storage;

namespace Hive.Silo.Storage.GrainState;

/// <summary>
/// Grain state in PostgreSQL with group commit: the writes of every grain on the silo that arrive while a batch commits
/// go together in the next one — one statement and one commit (one WAL flush) for the lot, where Orleans' ADO.NET
/// provider spends a connection checkout, a statement and a commit on each. The catalog rows and audit events that
/// publish those writes (<see cref="StateCompanions"/>) and the memory changes they make commit in the same transaction,
/// so a change is listed, audited and logged exactly when it is stored, at the cost of one commit instead of four. A
/// memory change whose revision is already taken fails its write alone, whole. Same contract: versions grow by one, a write
/// or clear with a stale version is an <see cref="InconsistentStateException"/> and changes nothing, a clear keeps the
/// row (empty) so its version keeps growing — except a purge's (<see cref="StateCompanions.Removes"/>), which deletes the state
/// row and its catalog row together. Failures for lack of the database reach callers as storage-unavailable.
/// </summary>
internal sealed class BatchedGrainStorage : IGrainStorage, IAsyncDisposable
{
    private readonly string _serviceId;
    private readonly PostgresCalls _db;
    private readonly IGrainStorageSerializer _serializer;
    private readonly IActivatorProvider _activators;
    private readonly int _memoryRetention;
    private readonly GroupCommitter<StateWrite> _writes;

    public BatchedGrainStorage(string name, string serviceId, PostgresCalls db, IGrainStorageSerializer serializer,
        IActivatorProvider activators, GroupCommitOptions options, int memoryRetention, ILogger log)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(memoryRetention, 1);
        _serviceId = serviceId;
        _memoryRetention = memoryRetention;
        _db = db;
        _serializer = serializer;
        _activators = activators;
        _writes = new GroupCommitter<StateWrite>($"grain state ({name})", WriteBatchAsync, options, log);
    }

    /// <summary>Batches written so far (one transaction each) and the writes they carried.</summary>
    internal (long Batches, long Writes) Committed => (_writes.Batches, _writes.Items);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        // Nothing is ever written under another integer key, so a singleton forged under one (which the credential filter
        // refuses once activated) reads as new instead of failing its activation with an untyped storage error.
        var row = IsStorable(grainId)
            ? await _db.ReadAsync((connection, token) => GrainStateSql.ReadAsync(connection, _serviceId, stateName, KeyOf(grainId), token),
                CancellationToken.None)
            : null;
        var payload = row?.Payload;
        grainState.State = payload is null ? _activators.GetActivator<T>().Create() : _serializer.Deserialize<T>(new BinaryData(payload));
        grainState.ETag = row?.Version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = payload is not null;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var payload = _serializer.Serialize(grainState.State).ToArray();
        var version = await SubmitAsync(stateName, grainId, payload, grainState.ETag, "write", TakeCompanions());
        grainState.ETag = version;
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        // A grain that never saw a row may still have one (written by an earlier activation): clear that one, versioned.
        if (grainState.ETag is null) await ReadStateAsync(stateName, grainId, grainState);
        if (grainState.ETag is not null)
        {
            // A purge removes the row with its catalog row; any other clear keeps the row, empty, so its version keeps growing.
            grainState.ETag = StateCompanions.Current is { Removes: true }
                ? await SubmitAsync(stateName, grainId, null, grainState.ETag, "purge", TakeCompanions(), removes: true)
                : await SubmitAsync(stateName, grainId, null, grainState.ETag, "clear");
        }
        grainState.State = _activators.GetActivator<T>().Create();
        grainState.RecordExists = false;
    }

    public ValueTask DisposeAsync() => _writes.DisposeAsync();

    /// <summary>
    /// The change riding along with this write. A write is stored whole or not at all: when its catalog row or audit event
    /// holds text PostgreSQL refuses, the write fails here with that validation error and nothing is stored. Checked
    /// before the write is queued, because in the batch it would fail every batch-mate too.
    /// </summary>
    private static StateCompanions? TakeCompanions()
    {
        if (StateCompanions.Current is not { } companions) return null;
        if (companions.Row is { } row) PostgresEntityCatalog.RequireStorable(row);
        if (companions.Change is { } change) PostgresAuditLog.RequireStorable(change);
        if (companions.Memory is { } memory) PostgresMemoryChangeLog.RequireStorable(memory);
        return companions.Take() ? companions : null;
    }

    /// <summary>Queues the write and returns the row's new version; null after a removal, which leaves no row.</summary>
    private async Task<string?> SubmitAsync(string stateName, GrainId grainId, byte[]? payload, string? etag, string operation,
        StateCompanions? companions = null, bool removes = false)
    {
        int? expected = string.IsNullOrEmpty(etag) ? null : int.Parse(etag, NumberStyles.None, CultureInfo.InvariantCulture);
        var write = new StateWrite(stateName, KeyOf(grainId), payload, expected, companions, removes);
        try
        {
            await _writes.SubmitAsync(write);
        }
        catch (RevisionTakenException)
        {
            var memory = companions!.Memory!;
            throw new HiveException(HiveErrorCodes.StorageUnavailable,
                $"Revision {memory.Change.Revision} of memory channel {memory.Channel} was given up before this write of key '{memory.Change.Key}' "
                + "reached storage (it took too long, or the channel moved), so nothing was changed. Try again.");
        }
        catch (StaleVersionException)
        {
            throw new InconsistentStateException(
                $"The {operation} of {stateName} state for {grainId} expected version {etag ?? "none"}, but storage holds another one; nothing was changed.",
                storedEtag: null, currentEtag: etag);
        }
        return removes ? null : write.NewVersion.ToString(CultureInfo.InvariantCulture);
    }

    private Task<Exception?[]?> WriteBatchAsync(IReadOnlyList<StateWrite> batch, CancellationToken cancellationToken) =>
        // Safe to retry after an unconfirmed commit: a write that already landed is recognised and confirmed.
        _db.WriteAsync<Exception?[]?>(async (connection, transaction, token) =>
        {
            // Memory changes go first: a write whose revision is taken is left out before any state row changes.
            var (refused, logged) = await LogMemoryChangesAsync(connection, transaction, batch, token);
            var stale = new HashSet<StateWrite>(ReferenceEqualityComparer.Instance);
            var publish = new List<StateCompanions>();
            var accepted = batch.Where(w => !refused.Contains(w)).ToArray();
            foreach (var round in GrainStateSql.Rounds(accepted.Where(w => !w.Removes).ToArray()))
            {
                var results = await GrainStateSql.WriteAsync(connection, transaction, _serviceId, round, token);
                for (var i = 0; i < round.Count; i++)
                {
                    if (results[i].Version is not { } version)
                    {
                        stale.Add(round[i]);
                        continue;
                    }
                    round[i].NewVersion = version;
                    // A replayed write's change committed with it the first time.
                    if (round[i].Companions is { } companions && !results[i].Replayed) publish.Add(companions);
                }
            }
            // Removals after the writes: a grain waits for its write, so a batch holds a removal and a write of one key only
            // when a stale activation sent one of them, and the version then decides as it would one batch later.
            foreach (var round in GrainStateSql.Rounds(accepted.Where(w => w.Removes).ToArray()))
            {
                var results = await GrainStateSql.RemoveAsync(connection, transaction, _serviceId, round, token);
                for (var i = 0; i < round.Count; i++)
                {
                    if (!results[i].Removed) stale.Add(round[i]);
                    else if (round[i].Companions is { } companions && !results[i].Replayed) publish.Add(companions);
                }
            }
            // A change whose state write was stale never happened: its revision becomes a skip, never a phantom.
            await MemoryChangeSql.UnwriteAsync(connection, transaction, stale.Where(logged.Contains).Select(w => w.Companions!.Memory!).ToArray(), token);
            await PublishAsync(connection, transaction, publish, token);
            if (stale.Count == 0 && refused.Count == 0) return null;
            return batch.Select(w => stale.Contains(w) ? new StaleVersionException() : refused.Contains(w) ? new RevisionTakenException() : (Exception?)null)
                .ToArray();
        }, idempotent: true, cancellationToken);

    /// <summary>
    /// Inserts the batch's memory changes. Returns the writes whose revision is taken (by another change, a skip, or an
    /// earlier write of this batch) and those whose change this transaction inserted.
    /// </summary>
    private async Task<(HashSet<StateWrite> Refused, HashSet<StateWrite> Logged)> LogMemoryChangesAsync(NpgsqlConnection connection,
        NpgsqlTransaction transaction, IReadOnlyList<StateWrite> batch, CancellationToken cancellationToken)
    {
        var refused = new HashSet<StateWrite>(ReferenceEqualityComparer.Instance);
        var logged = new HashSet<StateWrite>(ReferenceEqualityComparer.Instance);
        var claimed = new HashSet<(string, long)>();
        var writes = new List<StateWrite>();
        foreach (var write in batch)
        {
            if (write.Companions?.Memory is not { } memory) continue;
            if (claimed.Add((memory.Channel, memory.Change.Revision))) writes.Add(write);
            else refused.Add(write);
        }
        if (writes.Count == 0) return (refused, logged);
        var results = await MemoryChangeSql.InsertAsync(connection, transaction, writes.ConvertAll(w => w.Companions!.Memory!), _memoryRetention,
            cancellationToken);
        for (var i = 0; i < writes.Count; i++)
        {
            if (!results[i].Stored) refused.Add(writes[i]);
            else if (results[i].Inserted) logged.Add(writes[i]);
        }
        return (refused, logged);
    }

    private static async Task PublishAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<StateCompanions> publish,
        CancellationToken cancellationToken)
    {
        if (publish.Count == 0) return;
        var rows = CatalogSql.Newest(publish.Where(c => !c.Removes && c.Row is not null).Select(c => c.Row!));
        if (rows.Length > 0)
        {
            await using var upsert = CatalogSql.UpsertCommand(connection, transaction, rows);
            await upsert.PrepareAsync(cancellationToken);
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }
        var removed = publish.Where(c => c.Removes).Select(c => new CatalogKey(c.Row!.Kind, c.Row.Id)).ToArray();
        if (removed.Length > 0)
        {
            await using var remove = CatalogSql.RemoveCommand(connection, transaction, removed);
            await remove.ExecuteNonQueryAsync(cancellationToken);
        }
        var events = publish.Where(c => c.Change is not null).Select(c => c.Change!).ToArray();
        if (events.Length == 0) return;
        await using var insert = AuditSql.InsertCommand(connection, transaction, events);
        await insert.PrepareAsync(cancellationToken);
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// The row's key string, as Orleans' ADO.NET provider keys the same grain, so either writer finds the other's rows: a
    /// string key as it is; an integer key as its extension ('' for none) with the number in the integer columns. Those
    /// are always 0 here (the statements do not carry them), and Hive's only integer-keyed state is a singleton's, key 0.
    /// </summary>
    private static string KeyOf(GrainId grainId)
    {
        if (!grainId.TryGetIntegerKey(out _, out var extension)) return grainId.Key.ToString();
        if (!IsStorable(grainId))
            throw new NotSupportedException($"Hive's batched grain storage keeps integer-keyed state only under key 0; {grainId} has another.");
        return extension ?? "";
    }

    private static bool IsStorable(GrainId grainId) => !grainId.TryGetIntegerKey(out var number, out _) || number == SingletonKey.Value;

    /// <summary>One write of a batch found another version than it expected; becomes an InconsistentStateException for its caller.</summary>
    private sealed class StaleVersionException : Exception;

    /// <summary>One write of a batch carried a memory change whose revision is taken; fails that write alone.</summary>
    private sealed class RevisionTakenException : Exception;
}
