namespace Hive.Security;

/// <summary>What a credential to be issued grants; see <see cref="Principal"/>.</summary>
public sealed record TokenGrant(
    PrincipalKind Kind,
    string Name,
    TimeSpan Lifetime,
    IReadOnlyList<string>? Agents = null,
    IReadOnlyList<string>? Roles = null,
    IReadOnlyList<string>? Scopes = null);
