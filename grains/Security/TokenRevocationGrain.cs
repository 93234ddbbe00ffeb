using Hive.Audit;
using Microsoft.Extensions.Options;

namespace Hive.Security;

/// <summary>Keeps the revocation list. Entries leave once their credential has expired, so the list holds only what could still be used.</summary>
public sealed class TokenRevocationGrain(
    [PersistentState("token-revocations", HiveStorage.Name)] IPersistentState<RevocationState> stored,
    HiveClock clock,
    ChangeRecorder recorder,
    IOptions<SecurityOptions> options) : Grain, ITokenRevocationGrain, IRevocationFeed
{
    public const int MaxRevoked = 10_000;
    private const string Entity = "security/revocations";
    private RevocationState State => stored.State;

    public async Task Revoke(string tokenId, DateTimeOffset? expiresAt, string actor)
    {
        RequireSingleton();
        HiveIds.Require(actor, "Actor");
        if (string.IsNullOrWhiteSpace(tokenId) || tokenId.Length > 128 || !tokenId.All(char.IsAsciiLetterOrDigit))
            throw HiveException.Validation("A token id is 1–128 ASCII letters and digits (the credential's jti).", Entity);
        var now = TimeProvider.System.GetUtcNow();
        var forgetAt = expiresAt ?? now + options.Value.MaxTokenLifetime;
        if (State.Revoked.ContainsKey(tokenId) || forgetAt <= now) return;
        var expired = State.Revoked.Where(r => r.Value <= now).Select(r => r.Key).ToList();
        if (State.Revoked.Count - expired.Count >= MaxRevoked)
            throw HiveException.Validation($"The revocation list is full ({MaxRevoked} live entries); rotate the signing key instead.", Entity);
        foreach (var id in expired) State.Revoked.Remove(id);
        State.Revoked[tokenId] = forgetAt;
        State.Version++;
        await recorder.SaveAsync(stored, null, new AuditEvent(clock.Now, actor, Entity, TokenActions.Revoked, null, null, $"token {tokenId} until {forgetAt:O}"),
            DeactivateOnIdle);
    }

    public Task<RevocationSnapshot> Since(long version)
    {
        RequireSingleton();
        return Task.FromResult(version == State.Version
            ? new RevocationSnapshot(version, [])
            : new RevocationSnapshot(State.Version, State.Revoked.Keys.ToList()));
    }

    private void RequireSingleton()
    {
        if (this.GetPrimaryKeyLong() != 0) throw HiveException.Validation("The revocation list is grain 0; there is no other.", Entity);
    }
}
