using System.Reflection;

namespace Hive.Tests.Unit;

/// <summary>
/// Audit actions are stored in the trail and read back by the console and by operators' queries, so their values are
/// pinned here byte for byte: renaming a constant is fine, changing what it says is not.
/// </summary>
[Trait("Category", "Unit")]
public class AuditActionsTests
{
    private static readonly Dictionary<Type, string[]> Stored = new()
    {
        [typeof(AuditActions)] = ["purged"],
        [typeof(TaskActions)] =
        [
            "created", "restored", "assigned", "released", "started", "progress", "awaiting-approval", "completed", "retrying",
            "failed", "approved", "rejected", "cancelled", "retried", "prerequisite-changed", "overdue",
        ],
        [typeof(AgentActions)] =
        [
            "registered", "re-registered", "spec-updated", "restored", "heartbeat", "missed-heartbeat", "draining", "deregistered",
            "suspended", "resumed", "task-claimed", "task-restored", "task-released",
        ],
        [typeof(EscalationActions)] = ["raised", "reopened", "acknowledge", "mitigate", "resolve", "close", "deadline-missed"],
        [typeof(HealthActions)] = ["level-pinned", "level-unpinned", "level-evaluated", "halted", "resumed"],
    };

    public static TheoryData<Type> Kinds() => new(Stored.Keys);

    [Theory, MemberData(nameof(Kinds))]
    public void Each_kind_writes_exactly_the_actions_already_in_the_trail(Type kind)
    {
        var values = kind.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToArray();

        Assert.Equal(Stored[kind].Order(StringComparer.Ordinal), values.Order(StringComparer.Ordinal));
    }
}
