namespace Hive.Agents;

/// <summary>Validates an agent spec before anything is written; every rule names the field and the fix.</summary>
public static class AgentSpecRules
{
    public static AgentSpec Validate(AgentSpec? spec, string expectedId)
    {
        if (spec is null) throw HiveException.Validation("An agent spec is required.");
        HiveIds.Require(spec.Id, "Agent id");
        if (spec.Id != expectedId) throw HiveException.Validation($"The spec's id '{spec.Id}' does not match agent '{expectedId}'.");
        var entity = "agent/" + spec.Id;
        HiveText.Require(spec.DisplayName, $"Agent '{spec.Id}': the display name", Limits.MaxNameLength, entity);
        if (spec.Roles is null || spec.Roles.Count == 0 || spec.Roles.Count > Limits.MaxRoles)
            throw HiveException.Validation($"Agent '{spec.Id}' needs 1–{Limits.MaxRoles} roles.");
        foreach (var role in spec.Roles) HiveIds.Require(role, "Role");
        var capabilities = spec.Capabilities ?? [];
        if (capabilities.Count > Limits.MaxCapabilities)
            throw HiveException.Validation($"Agent '{spec.Id}' may list at most {Limits.MaxCapabilities} capabilities.");
        foreach (var capability in capabilities) HiveIds.Require(capability, "Capability");
        var metadata = spec.Metadata ?? new Dictionary<string, string>();
        if (metadata.Count > Limits.MaxMetadataEntries)
            throw HiveException.Validation($"Agent '{spec.Id}' may carry at most {Limits.MaxMetadataEntries} metadata entries.");
        foreach (var (key, value) in metadata)
        {
            HiveIds.Require(key, "Metadata key");
            if (value is null) throw HiveException.Validation($"Metadata '{key}' needs a value; it may be empty.", entity);
            HiveText.Optional(value, $"Metadata '{key}'", Limits.MaxTextLength, entity);
        }
        return spec with
        {
            Roles = spec.Roles.Distinct(StringComparer.Ordinal).ToArray(),
            Capabilities = capabilities.Distinct(StringComparer.Ordinal).ToArray(),
            Metadata = new Dictionary<string, string>(metadata, StringComparer.Ordinal),
        };
    }
}
