namespace Hive.Common;

/// <summary>What every change of an agent, task or escalation touches in its persisted state; see <see cref="ChangeWriter{TState, TStatus}"/>.</summary>
public interface IEntityState<TStatus>
    where TStatus : struct, Enum
{
    TStatus Status { get; }

    /// <summary>One more on every state write; a caller's expected version and the catalog row's version count from it.</summary>
    long Version { get; set; }

    DateTimeOffset UpdatedAt { get; set; }
}
