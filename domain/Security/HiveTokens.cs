using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Hive.Security;

/// <summary>Issues and verifies Hive credentials: JWTs naming a principal, signed HS256 or ES256 with a key that has a <c>kid</c>.</summary>
public static class HiveTokens
{
    private const string KindClaim = "hive_kind";
    private const string AgentsClaim = "hive_agents";
    private const string RolesClaim = "hive_roles";
    private const string ScopesClaim = "hive_scopes";
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <summary>A signed credential for <paramref name="grant"/>, valid from <paramref name="now"/>; its token id is fresh.</summary>
    public static string Issue(TokenGrant grant, SigningKey key, DateTimeOffset now)
    {
        if (!key.CanSign) throw new InvalidOperationException($"Key '{key.Id}' can only verify; signing needs its secret or private key.");
        if (!HiveIds.IsValid(grant.Name)) throw HiveException.Validation($"A credential's name must be a valid id; '{grant.Name}' is not.");
        if (grant.Lifetime <= TimeSpan.Zero) throw HiveException.Validation("A credential's lifetime must be positive.");
        var claims = new Dictionary<string, object>
        {
            [JwtRegisteredClaimNames.Sub] = grant.Name,
            [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
            [KindClaim] = grant.Kind.ToString().ToLowerInvariant(),
            [AgentsClaim] = (grant.Agents ?? []).ToArray(),
            [RolesClaim] = (grant.Roles ?? []).ToArray(),
            [ScopesClaim] = (grant.Scopes ?? []).ToArray(),
        };
        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = SecurityOptions.Issuer,
            Audience = SecurityOptions.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + grant.Lifetime).UtcDateTime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(key.Key, key.SecurityAlgorithm),
        });
    }

    /// <summary>The principal a credential names, when it is well formed, signed by one of <paramref name="keys"/> and current.</summary>
    public static async Task<Principal> VerifyAsync(string token, IReadOnlyList<SigningKey> keys)
    {
        var result = await Handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = SecurityOptions.Issuer,
            ValidAudience = SecurityOptions.Audience,
            IssuerSigningKeys = keys.Select(k => k.Key),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256, SecurityAlgorithms.EcdsaSha256],
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = TimeSpan.FromSeconds(30),
            // Only the key the token names: a kid the hive does not hold is an unknown key, not a reason to try them all.
            TryAllIssuerSigningKeys = false,
        });
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt)
            throw Unauthenticated(result.Exception is SecurityTokenExpiredException ? "the credential has expired"
                : result.Exception is SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException ? "the credential is not signed by a key this hive holds"
                : "the credential is not one this hive issued");
        return ToPrincipal(jwt);
    }

    /// <summary>The claims of a credential without verifying it: for <c>hive auth whoami</c> and revocation by token, never for admission.</summary>
    public static Principal ReadUnverified(string token)
    {
        try
        {
            return ToPrincipal(new JsonWebToken(token));
        }
        catch (ArgumentException)
        {
            throw HiveException.Validation("That is not a credential (a JWT of three dot-separated parts).");
        }
    }

    public static HiveException Unauthenticated(string reason) => new(HiveErrorCodes.Unauthenticated, $"Unauthenticated: {reason}.");

    private static Principal ToPrincipal(JsonWebToken jwt)
    {
        var kind = Enum.TryParse<PrincipalKind>(Claim(jwt, KindClaim), ignoreCase: true, out var k) && Enum.IsDefined(k)
            ? k
            : throw Unauthenticated("the credential names no principal kind");
        var name = jwt.Subject;
        if (!HiveIds.IsValid(name)) throw Unauthenticated("the credential's subject is not a valid id");
        return new Principal(kind, name, Claims(jwt, AgentsClaim), Claims(jwt, RolesClaim), Claims(jwt, ScopesClaim),
            jwt.Id, new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero));
    }

    private static string? Claim(JsonWebToken jwt, string type) => jwt.TryGetClaim(type, out var claim) ? claim.Value : null;

    private static string[] Claims(JsonWebToken jwt, string type) =>
        jwt.Claims.Where(c => c.Type == type && c.Value.Length > 0).Select(c => c.Value).ToArray();
}
