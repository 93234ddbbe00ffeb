namespace Hive.Memory;

/// <summary>
/// The compare-and-set rule. A key's current version is 0 while it has no value, so "only if absent" (expected 0)
/// and "only at version v" (expected v) are one comparison; null expects nothing.
/// </summary>
public static class MemoryCas
{
    public static bool Allows(long? expected, long current) => expected is null || expected == current;

    /// <summary>A <c>validation</c> error for a negative expected version.</summary>
    public static void RequireValid(long? expected, string entity)
    {
        if (expected < 0)
            throw HiveException.Validation($"Expected version must be 0 (only if absent) or a version read earlier; got {expected}.", entity);
    }

    /// <summary>A <c>conflict</c> carrying <paramref name="current"/> when a write expecting <paramref name="expected"/> may not go ahead.</summary>
    public static void Require(long? expected, long current, string entity)
    {
        if (Allows(expected, current)) return;
        var message = (expected, current) switch
        {
            (0, _) => $"{entity} already exists at version {current}, and the write asked for it to be absent. Re-read it and decide again.",
            (_, 0) => $"{entity} does not exist now (it was deleted or expired after version {expected} was read). Re-read it and decide again.",
            _ => $"{entity} is at version {current}, not {expected}: someone wrote it after you read it. Re-read it, apply your change again and retry with version {current}.",
        };
        throw HiveException.Conflict(message, entity, current);
    }
}
