namespace Hive.Chaos;

/// <summary>How far the hive acknowledged a task of the driver: created, then claimed by the writer's agent, then completed.</summary>
public enum TaskStep
{
    None,
    Created,
    Claimed,
    Completed,
}
