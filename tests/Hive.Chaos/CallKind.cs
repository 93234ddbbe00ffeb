namespace Hive.Chaos;

/// <summary>The kinds of write the driver keeps running; recovery means every kind succeeds again.</summary>
public enum CallKind
{
    Memory,
    Task,
    Message,
}
