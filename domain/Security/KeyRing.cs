namespace Hive.Security;

/// <summary>
/// The keys this silo accepts now. Replaced whole when the key folder changes, so a rotation takes effect without a restart;
/// a replacement also drops every credential verified with the old set.
/// </summary>
public sealed class KeyRing
{
    private volatile IReadOnlyList<SigningKey> _keys = [];
    private long _generation;

    public IReadOnlyList<SigningKey> Keys => _keys;

    /// <summary>
    /// Counts replacements. Read it before <see cref="Keys"/>: a result verified with those keys is current only while
    /// the generation is unchanged (a replacement sets the keys first, then moves the generation on).
    /// </summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>Raised after the keys change, so verified credentials are verified again.</summary>
    public event Action? Changed;

    public void Replace(IReadOnlyList<SigningKey> keys)
    {
        _keys = keys;
        Interlocked.Increment(ref _generation);
        Changed?.Invoke();
    }

    /// <summary>The key to sign with: the newest (last) one that can.</summary>
    public SigningKey? Signer => _keys.LastOrDefault(k => k.CanSign);
}
