namespace Hive.Health;

/// <summary>
/// Declares what a grain method does, so each silo can enforce service levels and the halt switch on client calls.
/// Task and memory changes stop while the hive is halted; <see cref="StopsWhenHalted"/> says so for the rest.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class OperationAttribute(OperationKind kind) : Attribute
{
    public OperationKind Kind { get; } = kind;

    public bool StopsWhenHalted { get; init; } =
        kind is OperationKind.TaskWrite or OperationKind.TaskStatusUpdate or OperationKind.MemoryWrite;

    /// <summary>The method's first argument is a batch, and each item counts against the caller's rate limit as one call would.</summary>
    public bool CountsItems { get; init; }
}
