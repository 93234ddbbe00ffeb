namespace Hive.Security;

/// <summary>
/// A verified caller: what its credential grants. <see cref="Agents"/> are the agent-id patterns a service acts for
/// (<c>*</c> matches any run of characters); an agent acts for its own id only; an operator for itself.
/// </summary>
public sealed record Principal(
    PrincipalKind Kind,
    string Name,
    IReadOnlyList<string> Agents,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> Scopes,
    string TokenId,
    DateTimeOffset ExpiresAt)
{
    /// <summary>How an operator is named where a call names who acts (<c>operator:alice</c>); agents are named by their id alone.</summary>
    public const string OperatorPrefix = "operator:";

    /// <summary>How the audit and the rate limits name it: <c>agent:a-1</c>, <c>service:swarm</c>, <c>operator:alice</c>.</summary>
    public string Id { get; } = $"{Kind.ToString().ToLowerInvariant()}:{Name}";

    public bool HasScope(string scope) => Kind == PrincipalKind.Operator && Scopes.Contains(scope, StringComparer.Ordinal);
}
