using Hive.Health;

namespace Hive.Security;

/// <summary>
/// Whether a verified principal may make a call: act as every actor the call names, with every role it registers.
/// Pure, so the rules are table-tested; <see cref="CredentialFilter"/> applies them to every call from a client.
/// </summary>
public static class CallAuthorizer
{
    /// <summary>Null when allowed; otherwise why not, for a <c>forbidden</c> error.</summary>
    public static string? Check(Principal principal, OperationAttribute operation, IReadOnlyCollection<string?> actors, IReadOnlyCollection<string?> roles)
    {
        if (actors.Count == 0) return CheckSelf(principal, operation);
        foreach (var actor in actors)
        {
            if (actor is null) continue;   // the grain refuses a missing actor with validation
            if (MayActAs(principal, operation, actor) is { } reason) return reason;
        }
        if (principal.Kind == PrincipalKind.Operator && operation.Scope is { } scope && principal.HasScope(scope)) return null;
        foreach (var role in roles)
        {
            if (role is not null && !principal.Roles.Contains(role, StringComparer.Ordinal))
                return $"{principal.Id} is not granted role '{role}'; its credential grants {Describe(principal.Roles)}.";
        }
        return null;
    }

    /// <summary>True when a service's agent pattern (<c>*</c> matches any run of characters) covers <paramref name="agentId"/>.</summary>
    public static bool Matches(string pattern, string agentId)
    {
        var parts = pattern.Split('*');
        if (parts.Length == 1) return pattern == agentId;
        if (!agentId.StartsWith(parts[0], StringComparison.Ordinal) || !agentId.EndsWith(parts[^1], StringComparison.Ordinal)) return false;
        var at = parts[0].Length;
        var end = agentId.Length - parts[^1].Length;
        if (end < at) return false;
        for (var i = 1; i < parts.Length - 1; i++)
        {
            var found = agentId.IndexOf(parts[i], at, end - at, StringComparison.Ordinal);
            if (found < 0) return false;
            at = found + parts[i].Length;
        }
        return true;
    }

    private static string? CheckSelf(Principal principal, OperationAttribute operation)
    {
        if (principal.Kind == PrincipalKind.Operator)
            return operation.Scope is { } scope && !principal.HasScope(scope) ? NeedsScope(principal, scope) : null;
        return operation.Kind == OperationKind.OperatorCommand
            ? $"{principal.Id} may not make operator commands; that takes an operator credential{(operation.Scope is { } s ? $" with scope '{s}'" : "")}."
            : null;
    }

    private static string? MayActAs(Principal principal, OperationAttribute operation, string actor)
    {
        if (actor == HiveStorage.SystemActor) return $"{principal.Id} may not act as '{HiveStorage.SystemActor}', the hive itself; no caller may.";
        if (actor.StartsWith(Principal.OperatorPrefix, StringComparison.Ordinal))
        {
            if (principal.Kind != PrincipalKind.Operator || actor[Principal.OperatorPrefix.Length..] != principal.Name)
                return $"{principal.Id} may not act as '{actor}'.";
            return operation.Scope is { } scope && !principal.HasScope(scope) ? NeedsScope(principal, scope) : null;
        }
        var allowed = principal.Kind switch
        {
            PrincipalKind.Agent => actor == principal.Name,
            PrincipalKind.Service => principal.Agents.Any(pattern => Matches(pattern, actor)),
            _ => operation.Scope is { } scope && principal.HasScope(scope),
        };
        return allowed ? null : $"{principal.Id} may not act as agent '{actor}'.";
    }

    private static string NeedsScope(Principal principal, string scope) =>
        $"{principal.Id} needs scope '{scope}' for this call; its credential grants {Describe(principal.Scopes)}.";

    private static string Describe(IReadOnlyList<string> values) => values.Count == 0 ? "none" : string.Join(", ", values);
}
