using System.Text.Json;

namespace Hive.Tasks;

/// <summary>Validates and normalises a task spec before anything is written; every rule names the field and the fix.</summary>
public static class TaskSpecRules
{
    public static TaskSpec Validate(TaskSpec? spec, string expectedId)
    {
        if (spec is null) throw HiveException.Validation("A task spec is required.");
        HiveIds.Require(spec.Id, "Task id");
        if (spec.Id != expectedId) throw HiveException.Validation($"The spec's id '{spec.Id}' does not match task '{expectedId}'.");
        var entity = "task/" + spec.Id;
        HiveText.Require(spec.Title, $"Task '{spec.Id}': the title", Limits.MaxNameLength, entity);
        HiveIds.Require(spec.Type, "Task type");
        HiveText.Optional(spec.Description, $"Task '{spec.Id}': the description", Limits.MaxTextLength, entity);
        if (spec.Priority is < 0 or > TaskSpec.MaxPriority)
            throw HiveException.Validation($"Task '{spec.Id}': priority must be 0–{TaskSpec.MaxPriority}; got {spec.Priority}.", entity);
        if ((spec.PrimaryRole is null) == (spec.PrimaryAgent is null))
            throw HiveException.Validation($"Task '{spec.Id}' needs exactly one of a primary role or a primary agent.", entity);
        if (spec.PrimaryRole is not null) HiveIds.Require(spec.PrimaryRole, "Primary role");
        if (spec.PrimaryAgent is not null) HiveIds.Require(spec.PrimaryAgent, "Primary agent");
        if (spec.TimeBudget is { } budget && (budget <= TimeSpan.Zero || budget > TimeSpan.FromDays(30)))
            throw HiveException.Validation($"Task '{spec.Id}': the time budget must be positive and at most 30 days.", entity);
        if (spec.MaxAttempts is < 1 or > TaskSpec.MaxAttemptsLimit)
            throw HiveException.Validation($"Task '{spec.Id}': max attempts must be 1–{TaskSpec.MaxAttemptsLimit}; got {spec.MaxAttempts}.", entity);

        var prerequisites = Ids(spec.Prerequisites, "Prerequisite", Limits.MaxPrerequisites, entity);
        if (prerequisites.Contains(spec.Id, StringComparer.Ordinal))
            throw HiveException.Validation($"Task '{spec.Id}' cannot be its own prerequisite.", entity);
        return spec with
        {
            Prerequisites = prerequisites,
            SupportingAgents = Ids(spec.SupportingAgents, "Supporting agent", Limits.MaxSupportingAgents, entity),
            RequiredApprovals = Ids(spec.RequiredApprovals, "Approval role", Limits.MaxApprovals, entity),
            Reads = MemoryKeys(spec.Reads, entity),
            Writes = MemoryKeys(spec.Writes, entity),
        };
    }

    /// <summary>True when two normalised specs say the same thing.</summary>
    public static bool SameAs(TaskSpec a, TaskSpec b) =>
        JsonSerializer.Serialize(a) == JsonSerializer.Serialize(b);

    private static string[] Ids(IReadOnlyList<string>? values, string field, int max, string entity)
    {
        var list = values ?? [];
        if (list.Count > max) throw HiveException.Validation($"At most {max} values are allowed for {field.ToLowerInvariant()}s.", entity);
        foreach (var v in list) HiveIds.Require(v, field);
        return list.Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>Memory keys are <c>namespace/channel/key</c>, each part an id.</summary>
    private static string[] MemoryKeys(IReadOnlyList<string>? values, string entity)
    {
        var list = values ?? [];
        if (list.Count > Limits.MaxMemoryKeys) throw HiveException.Validation($"At most {Limits.MaxMemoryKeys} memory keys are allowed.", entity);
        foreach (var key in list)
        {
            var parts = key?.Split('/') ?? [];
            if (parts.Length != 3 || !parts.All(HiveIds.IsValid))
                throw HiveException.Validation($"Memory key '{HiveIds.Shorten(key)}' must look like namespace/channel/key, each part a valid id.", entity);
        }
        return list.Distinct(StringComparer.Ordinal).ToArray();
    }
}
