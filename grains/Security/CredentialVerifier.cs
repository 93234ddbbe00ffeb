using System.Collections.Concurrent;

namespace Hive.Security;

/// <summary>
/// Verifies a call's credential: signature, issuer, audience and lifetime once per token (then remembered until it
/// expires or the keys change, since verifying a signature costs far more than the call it guards), and revocation on every call.
/// A remembered credential carries the key ring's generation it was verified under, so one whose verification read the old
/// keys but finished after a rotation is verified again rather than trusted for the rest of its lifetime.
/// </summary>
public sealed class CredentialVerifier
{
    private const int MaxRemembered = 10_000;
    private readonly ConcurrentDictionary<string, Verified> _verified = new(StringComparer.Ordinal);
    private readonly KeyRing _keys;
    private readonly RevokedTokens _revoked;
    private readonly TimeProvider _time;

    public CredentialVerifier(KeyRing keys, RevokedTokens revoked, TimeProvider time)
    {
        (_keys, _revoked, _time) = (keys, revoked, time);
        keys.Changed += _verified.Clear;
    }

    public async ValueTask<Principal> VerifyAsync(string? token)
    {
        if (string.IsNullOrEmpty(token)) throw HiveTokens.Unauthenticated("the call carries no credential (set Hive:Client:Token or Hive:Client:TokenFile)");
        Principal principal;
        if (_verified.TryGetValue(token, out var remembered) && remembered.Generation == _keys.Generation)
        {
            principal = remembered.Principal;
        }
        else
        {
            if (token.Length > 16 * 1024) throw HiveTokens.Unauthenticated("the credential is larger than any this hive issues");
            var generation = _keys.Generation;
            principal = await HiveTokens.VerifyAsync(token, _keys.Keys);
            if (_verified.Count >= MaxRemembered) _verified.Clear();
            _verified[token] = new Verified(principal, generation);
        }
        if (principal.ExpiresAt <= _time.GetUtcNow())
        {
            _verified.TryRemove(token, out _);
            throw HiveTokens.Unauthenticated("the credential has expired");
        }
        if (_revoked.Contains(principal.TokenId)) throw HiveTokens.Unauthenticated($"credential {principal.TokenId} has been revoked");
        return principal;
    }

    private sealed record Verified(Principal Principal, long Generation);
}
