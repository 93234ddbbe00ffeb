namespace Hive.Security;

/// <summary>
/// The keys this silo accepts now. Replaced whole when the key folder changes, so a rotation takes effect without a restart;
/// a replacement also drops every credential verified with the old set.
/// </summary>
public sealed class KeyRing
{
    private volatile IReadOnlyList<SigningKey> _keys = [];

    public IReadOnlyList<SigningKey> Keys => _keys;

    /// <summary>Raised after the keys change, so verified credentials are verified again.</summary>
    public event Action? Changed;

    public void Replace(IReadOnlyList<SigningKey> keys)
    {
        _keys = keys;
        Changed?.Invoke();
    }

    /// <summary>The key to sign with: the newest (last) one that can.</summary>
    public SigningKey? Signer => _keys.LastOrDefault(k => k.CanSign);
}
