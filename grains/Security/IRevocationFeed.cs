namespace Hive.Security;

/// <summary>What each silo reads to refresh its copy of the revocation list; silo-internal, never callable by a client.</summary>
internal interface IRevocationFeed : IGrainWithIntegerKey
{
    [AlwaysInterleave]
    Task<RevocationSnapshot> Since(long version);
}
