namespace Hive.Silo.Storage.GrainState;

/// <summary>
/// One grain's state write waiting for its batch: the serialized state (null clears it), the version the grain
/// last saw (null: it never saw a row) and the change to publish with it, if the grain sent one. The batch writer
/// fills in <see cref="NewVersion"/> when the write lands. A removal (a purge) deletes the row instead of writing it.
/// </summary>
internal sealed class StateWrite(string stateName, string key, byte[]? payload, int? expectedVersion, StateCompanions? companions = null,
    bool removes = false)
{
    public string StateName { get; } = stateName;

    public string Key { get; } = key;

    public byte[]? Payload { get; } = payload;

    public int? ExpectedVersion { get; } = expectedVersion;

    /// <summary>The catalog row and audit event that commit in the same transaction as this write.</summary>
    public StateCompanions? Companions { get; } = companions;

    /// <summary>True when the row is deleted (it must still hold <see cref="ExpectedVersion"/>); the payload is then null.</summary>
    public bool Removes { get; } = removes;

    public int NewVersion { get; set; }
}
