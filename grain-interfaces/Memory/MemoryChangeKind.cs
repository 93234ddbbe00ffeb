namespace Hive.Memory;

/// <summary>What happened to a memory key.</summary>
public enum MemoryChangeKind
{
    /// <summary>A value was written (created or replaced).</summary>
    Put = 0,

    /// <summary>A caller deleted the value.</summary>
    Delete = 1,

    /// <summary>The value's time to live ran out and the hive removed it.</summary>
    Expire = 2,
}
