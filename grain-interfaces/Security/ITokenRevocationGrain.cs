using Hive.Health;

namespace Hive.Security;

/// <summary>The hive's list of revoked credentials; one grain, key 0. Every silo re-reads it within <c>Hive:Security:RefreshInterval</c>.</summary>
public interface ITokenRevocationGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Revokes the credential with token id <paramref name="tokenId"/> (its <c>jti</c>). It is remembered until
    /// <paramref name="expiresAt"/> (the credential's own expiry; the longest lifetime the hive allows when unknown),
    /// after which the credential would be refused anyway. Revoking twice changes nothing.
    /// </summary>
    [Operation(OperationKind.OperatorCommand, Actor = "actor", Scope = Scopes.Tokens)]
    Task Revoke(string tokenId, DateTimeOffset? expiresAt, string actor);
}
