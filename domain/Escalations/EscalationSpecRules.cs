namespace Hive.Escalations;

/// <summary>Validates an escalation spec before anything is written; every rule names the field and the fix.</summary>
public static class EscalationSpecRules
{
    public const int MaxDependencies = 32;

    public static EscalationSpec Validate(EscalationSpec? spec, string expectedId)
    {
        if (spec is null) throw HiveException.Validation("An escalation spec is required.");
        HiveIds.Require(spec.Id, "Escalation id");
        if (spec.Id != expectedId) throw HiveException.Validation($"The spec's id '{spec.Id}' does not match escalation '{expectedId}'.");
        var entity = "escalation/" + spec.Id;
        if (!Enum.IsDefined(spec.Severity)) throw HiveException.Validation($"Severity {(int)spec.Severity} is not one of LOW, MEDIUM, HIGH, CRITICAL.", entity);
        Text(spec.Title, "title", Limits.MaxNameLength, required: true, entity);
        Text(spec.Description, "description", Limits.MaxTextLength, required: true, entity);
        Text(spec.Impact, "impact", Limits.MaxTextLength, required: false, entity);
        Text(spec.ProposedResolution, "proposed resolution", Limits.MaxTextLength, required: false, entity);
        Text(spec.Timeline, "timeline", Limits.MaxTextLength, required: false, entity);
        Text(spec.CausedBy, "caused-by entity", Limits.MaxNameLength, required: false, entity);
        if (spec.PrimaryAgent is not null) HiveIds.Require(spec.PrimaryAgent, "Primary agent");
        var supporting = spec.SupportingAgents ?? [];
        if (supporting.Count > Limits.MaxSupportingAgents)
            throw HiveException.Validation($"An escalation may name at most {Limits.MaxSupportingAgents} supporting agents.", entity);
        foreach (var agent in supporting) HiveIds.Require(agent, "Supporting agent");
        var dependencies = spec.Dependencies ?? [];
        if (dependencies.Count > MaxDependencies)
            throw HiveException.Validation($"An escalation may list at most {MaxDependencies} dependencies.", entity);
        foreach (var dependency in dependencies) Text(dependency, "dependency", Limits.MaxNameLength, required: true, entity);
        return spec with
        {
            SupportingAgents = supporting.Distinct(StringComparer.Ordinal).ToArray(),
            Dependencies = dependencies.ToArray(),
        };
    }

    /// <summary>An optional field may be left out (null), but when given it must not be blank.</summary>
    private static void Text(string? value, string field, int max, bool required, string entity)
    {
        if (value is null && !required) return;
        HiveText.Require(value, "The escalation " + field, max, entity);
    }
}
