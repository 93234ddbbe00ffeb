namespace Hive.Security;

/// <summary>
/// The credential a silo's own calls carry when they start outside a grain (a hosted service, a probe): the hive's own
/// work, which must pass the <see cref="CredentialFilter"/> like any client call. Signed with the hive's key, short-lived,
/// and renewed well before it expires or as soon as the keys change.
/// </summary>
public sealed class SiloCredential
{
    public const string Name = "silo";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    private readonly KeyRing _keys;
    private readonly TimeProvider _time;
    private volatile Issued? _issued;

    public SiloCredential(KeyRing keys, TimeProvider time)
    {
        (_keys, _time) = (keys, time);
        keys.Changed += () => _issued = null;
    }

    /// <summary>A current token, or null when this silo holds no key it can sign with (then its calls go without one).</summary>
    public string? Current
    {
        get
        {
            var now = _time.GetUtcNow();
            // Issued under an older key ring (even while it was being replaced): signed with a key that may be gone, so renew.
            if (_issued is { } issued && issued.RenewAt > now && issued.Generation == _keys.Generation) return issued.Token;
            var generation = _keys.Generation;
            if (_keys.Signer is not { } signer) return null;
            var token = HiveTokens.Issue(new TokenGrant(PrincipalKind.Silo, Name, Lifetime), signer, now);
            _issued = new Issued(token, now + Lifetime / 2, generation);
            return token;
        }
    }

    private sealed record Issued(string Token, DateTimeOffset RenewAt, long Generation);
}
