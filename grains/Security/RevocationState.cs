namespace Hive.Security;

/// <summary>Revoked token ids with the time each may be forgotten (its credential's expiry); bounded by <see cref="TokenRevocationGrain.MaxRevoked"/>.</summary>
[GenerateSerializer, Alias("hive.revocation-state.v1")]
public sealed class RevocationState
{
    [Id(0)] public Dictionary<string, DateTimeOffset> Revoked { get; set; } = new(StringComparer.Ordinal);
    [Id(1)] public long Version { get; set; }
}
