namespace Hive.Memory;

/// <summary>A memory change and the channel (<c>namespace/channel</c>) whose log it goes in; it rides with the key's state write.</summary>
public sealed record MemoryLogEntry(string Channel, MemoryChange Change);
