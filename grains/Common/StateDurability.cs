namespace Hive.Common;

/// <summary>
/// Whether grain state outlives this process. In-memory mode says no: parking deadlines while the silo shuts
/// down would only fail against storage that is going away with it, and there is nothing to resume afterwards.
/// </summary>
public sealed record StateDurability(bool SurvivesProcessExit)
{
    public static StateDurability InMemory { get; } = new(false);
}
