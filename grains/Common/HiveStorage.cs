namespace Hive.Common;

/// <summary>Names shared by the grains and the host that wires storage for them.</summary>
public static class HiveStorage
{
    /// <summary>The grain storage provider every Hive grain persists to.</summary>
    public const string Name = "hive";

    /// <summary>The actor recorded when the hive itself, not a caller, caused a change.</summary>
    public const string SystemActor = "hive";
}
