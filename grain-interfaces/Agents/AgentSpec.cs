namespace Hive.Agents;

/// <summary>What an agent says about itself when it registers. Registering the same spec again changes nothing.</summary>
[GenerateSerializer, Immutable, Alias("hive.agent-spec.v1")]
public sealed record AgentSpec(
    [property: Id(0)] string Id,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] IReadOnlyList<string> Roles,
    [property: Id(3)] IReadOnlyList<string>? Capabilities = null,
    [property: Id(4)] IReadOnlyDictionary<string, string>? Metadata = null)
{
    /// <summary>True when both specs describe the same agent (order of roles and capabilities does not matter).</summary>
    public bool SameAs(AgentSpec other) =>
        Id == other.Id
        && DisplayName == other.DisplayName
        && Roles.Order(StringComparer.Ordinal).SequenceEqual(other.Roles.Order(StringComparer.Ordinal))
        && (Capabilities ?? []).Order(StringComparer.Ordinal).SequenceEqual((other.Capabilities ?? []).Order(StringComparer.Ordinal))
        && (Metadata ?? new Dictionary<string, string>()).OrderBy(p => p.Key, StringComparer.Ordinal)
            .SequenceEqual((other.Metadata ?? new Dictionary<string, string>()).OrderBy(p => p.Key, StringComparer.Ordinal));
}
