namespace Hive.Client;

/// <summary>What a <see cref="MemoryWatchEvent"/> reports.</summary>
public enum MemoryWatchEventKind
{
    /// <summary>One change to a key of the channel.</summary>
    Change = 0,

    /// <summary>
    /// Changes were missed: the log no longer holds the revision the watch was at. Re-read the keys you depend on;
    /// the watch goes on from <see cref="MemoryWatchEvent.Revision"/>.
    /// </summary>
    Compacted = 1,
}
