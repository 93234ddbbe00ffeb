using System.Collections.Frozen;

namespace Hive.Security;

/// <summary>This silo's copy of the hive's revoked token ids, refreshed every <see cref="SecurityOptions.RefreshInterval"/>.</summary>
public sealed class RevokedTokens
{
    private volatile FrozenSet<string> _ids = FrozenSet<string>.Empty;

    public long Version { get; private set; } = -1;

    public bool Contains(string tokenId) => _ids.Contains(tokenId);

    public void Update(long version, IEnumerable<string> ids)
    {
        if (version == Version) return;
        _ids = ids.ToFrozenSet(StringComparer.Ordinal);
        Version = version;
    }
}
