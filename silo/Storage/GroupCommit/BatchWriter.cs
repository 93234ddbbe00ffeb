namespace Hive.Silo.Storage.GroupCommit;

/// <summary>
/// Writes one batch of callers' items in one transaction. Returns null when every item was written, or, per item,
/// the error that refused that item alone (null where the item was written). Throwing fails the whole batch.
/// </summary>
public delegate Task<Exception?[]?> BatchWriter<T>(IReadOnlyList<T> batch, CancellationToken cancellationToken);
