namespace Hive.Memory;

/// <summary>Fixed bounds of the memory API. The value size limit and the log length are configurable instead (Hive:Memory).</summary>
public static class MemoryLimits
{
    /// <summary>The longest time to live a value may have.</summary>
    public static readonly TimeSpan MaxTtl = TimeSpan.FromDays(30);

    /// <summary>The longest a watch waits for a change; it stays below Orleans' default 30 s call timeout.</summary>
    public static readonly TimeSpan MaxWatchWait = TimeSpan.FromSeconds(25);

    /// <summary>The most changes one watch answer carries.</summary>
    public const int MaxWatchChanges = 1000;
}
