namespace Hive.Security;

/// <summary>The revoked token ids at one version of the list.</summary>
[GenerateSerializer, Immutable, Alias("hive.revocation-snapshot.v1")]
public sealed record RevocationSnapshot([property: Id(0)] long Version, [property: Id(1)] IReadOnlyList<string> TokenIds);
