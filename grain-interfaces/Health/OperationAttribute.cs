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

    /// <summary>
    /// Who acts in this call: a parameter (or a path into one) holding an agent id or <c>operator:&lt;name&gt;</c>, or
    /// <see cref="Security.Acts.GrainKey"/> / <see cref="Security.Acts.Caller"/>. The caller's credential must allow
    /// acting as each one named; a test requires every client-callable method to declare it.
    /// </summary>
    public string Actor { get; init; } = "";

    /// <summary>The operator scope this method needs (<see cref="Security.Scopes"/>); null when no operator power is involved.</summary>
    public string? Scope { get; init; }

    /// <summary>A path to the roles this call registers (an agent's spec): the credential must grant each of them.</summary>
    public string? GrantsRoles { get; init; }

    /// <summary>The method's first argument is a batch, and each item counts against the caller's rate limit as one call would.</summary>
    public bool CountsItems { get; init; }
}
