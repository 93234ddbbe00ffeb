namespace Hive.Tasks;

/// <summary>
/// Whether a restored task is a state its lifecycle could have reached, given where its prerequisites stand now.
/// Pure, so the import tool checks a whole snapshot with the same rules before it writes anything.
/// </summary>
public static class TaskRestoreRules
{
    /// <summary>Throws a <c>validation</c> error naming the task and the rule; <paramref name="spec"/> is the validated spec.</summary>
    public static void Validate(TaskRestore restore, TaskSpec spec, IReadOnlyDictionary<string, HiveTaskStatus> prerequisites)
    {
        ArgumentNullException.ThrowIfNull(restore);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(prerequisites);
        var status = restore.Status;
        var fail = (string rule) => HiveException.Validation($"Task '{spec.Id}' cannot be restored: {rule}.", "task/" + spec.Id);
        if (!Enum.IsDefined(status)) throw fail($"{(int)status} is not a task status");
        if (restore.Attempts < 0 || restore.Attempts > spec.MaxAttempts) throw fail($"attempts must be 0–{spec.MaxAttempts}, got {restore.Attempts}");
        if (restore.ProgressPercent is < 0 or > 100) throw fail($"progress must be 0–100, got {restore.ProgressPercent}");
        var entity = "task/" + spec.Id;
        HiveText.Optional(restore.ProgressNote, $"Task '{spec.Id}' cannot be restored: its progress note", Limits.MaxTextLength, entity);
        HiveText.Optional(restore.StatusReason, $"Task '{spec.Id}' cannot be restored: its status reason", Limits.MaxTextLength, entity);
        HiveText.Optional(restore.Result, $"Task '{spec.Id}' cannot be restored: its result", Limits.MaxTextLength, entity);
        if (restore.AssignedAgent is not null) HiveIds.Require(restore.AssignedAgent, "Assigned agent");

        var wasClaimed = TaskLifecycle.IsHeld(status) || status == HiveTaskStatus.Completed;
        if (wasClaimed && (restore.AssignedAgent is null || restore.Attempts < 1))
            throw fail($"a {status} task was claimed, so it needs its agent and at least one attempt");
        if (status is HiveTaskStatus.Pending or HiveTaskStatus.Ready or HiveTaskStatus.Blocked && restore.AssignedAgent is not null)
            throw fail($"a {status} task is held by nobody, yet it names agent '{restore.AssignedAgent}'");
        if (status == HiveTaskStatus.Ready && restore.Attempts >= spec.MaxAttempts)
            throw fail($"a ready task must have attempts left, and it used {restore.Attempts} of {spec.MaxAttempts}");

        ValidateApprovals(restore, spec, fail);
        var expected = status switch
        {
            HiveTaskStatus.Pending => PrerequisiteState.Waiting,
            HiveTaskStatus.Blocked => PrerequisiteState.Blocked,
            HiveTaskStatus.Failed or HiveTaskStatus.Cancelled => (PrerequisiteState?)null,
            _ => PrerequisiteState.Met,
        };
        var standing = TaskDependencies.Evaluate(prerequisites);
        if (expected is { } e && standing != e)
            throw fail($"it was {status}, but its prerequisites are {Describe(prerequisites)} ({standing.ToString().ToLowerInvariant()}), so it could not be");
    }

    private static void ValidateApprovals(TaskRestore restore, TaskSpec spec, Func<string, HiveException> fail)
    {
        var required = spec.RequiredApprovals ?? [];
        var approvals = restore.Approvals ?? [];
        foreach (var approval in approvals)
        {
            HiveIds.Require(approval.AgentId, "Approving agent");
            if (!required.Contains(approval.Role, StringComparer.Ordinal)) throw fail($"role '{approval.Role}' approved it but is not a required approval");
            HiveText.Optional(approval.Note, $"Task '{spec.Id}' cannot be restored: the approval note of '{approval.AgentId}'", Limits.MaxTextLength,
                "task/" + spec.Id);
        }
        if (approvals.Select(a => a.Role).Distinct(StringComparer.Ordinal).Count() != approvals.Count) throw fail("a role approved it twice");
        var allGiven = required.All(role => approvals.Any(a => a.Role == role));
        if (restore.Status == HiveTaskStatus.Completed && !allGiven) throw fail("it was completed without every required approval");
        if (restore.Status == HiveTaskStatus.AwaitingApproval && (required.Count == 0 || allGiven))
            throw fail("it awaits approval, so some required approval must still be missing");
    }

    private static string Describe(IReadOnlyDictionary<string, HiveTaskStatus> prerequisites) => prerequisites.Count == 0
        ? "none"
        : string.Join(", ", prerequisites.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"));
}
