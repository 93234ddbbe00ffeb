namespace Hive.Silo.Storage.GrainState;

/// <summary>
/// One grain's state write waiting for its batch: the serialized state (null clears it) and the version the grain
/// last saw (null: it never saw a row). The batch writer fills in <see cref="NewVersion"/> when the write lands.
/// </summary>
internal sealed class StateWrite(string stateName, string key, byte[]? payload, int? expectedVersion)
{
    public string StateName { get; } = stateName;

    public string Key { get; } = key;

    public byte[]? Payload { get; } = payload;

    public int? ExpectedVersion { get; } = expectedVersion;

    public int NewVersion { get; set; }
}
