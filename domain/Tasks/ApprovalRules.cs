namespace Hive.Tasks;

/// <summary>
/// Who may sign a task off. Pure, and the one rule for both paths: a live approval, and an approval a restore brings
/// back from another hive (which the import tool checks with it too, before anything is written).
/// </summary>
public static class ApprovalRules
{
    /// <summary>A <c>forbidden</c> error when the approver did the work, or has none of the roles the task needs signed off.</summary>
    public static void RequireApprover(string taskId, TaskSpec spec, string? assignedAgent, string approverId, IReadOnlyList<string> approverRoles)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(approverRoles);
        var entity = "task/" + taskId;
        if (approverId == assignedAgent)
            throw HiveException.Forbidden($"Agent '{approverId}' did the work on task '{taskId}' and cannot sign it off; another agent must.", entity);
        var required = spec.RequiredApprovals ?? [];
        if (!approverRoles.Intersect(required, StringComparer.Ordinal).Any())
        {
            throw HiveException.Forbidden(
                $"Agent '{approverId}' (roles: {string.Join(", ", approverRoles)}) has no role that signs off task '{taskId}'; required: {string.Join(", ", required)}.", entity);
        }
    }

    /// <summary>
    /// A restored approval must be one the live path could have recorded: by an agent other than the one that did the
    /// work, in a role that agent has. <paramref name="approverRoles"/> are the approver's roles in the hive restored into.
    /// </summary>
    public static void RequireRestored(string taskId, TaskSpec spec, string? assignedAgent, Approval approval, IReadOnlyList<string> approverRoles)
    {
        ArgumentNullException.ThrowIfNull(approval);
        ArgumentNullException.ThrowIfNull(approverRoles);
        RequireApprover(taskId, spec, assignedAgent, approval.AgentId, approverRoles);
        if (!approverRoles.Contains(approval.Role, StringComparer.Ordinal))
        {
            throw HiveException.Forbidden(
                $"Task '{taskId}' cannot be restored: agent '{approval.AgentId}' (roles: {string.Join(", ", approverRoles)}) approved it as '{approval.Role}', a role it does not have.",
                "task/" + taskId);
        }
    }
}
