using System.Security.Cryptography;
using Microsoft.Extensions.Time.Testing;

namespace Hive.Tests.Unit;

[Trait("Category", "Unit")]
public class HiveTokensTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private static readonly SigningKey Hs = Key("k1", SigningAlgorithms.Hs256, SigningKeyLoader.NewSecret());
    private static readonly TokenGrant Crew = new(PrincipalKind.Service, "crew", TimeSpan.FromHours(1), Agents: ["crew-*"], Roles: ["coder"]);

    private static SigningKey Key(string id, string algorithm, string material)
    {
        var problems = new List<string>();
        var key = SigningKeyLoader.Parse(id, algorithm, material, "test", problems);
        Assert.Empty(problems);
        return key!;
    }

    [Fact]
    public async Task An_issued_credential_verifies_to_the_principal_it_grants()
    {
        var principal = await HiveTokens.VerifyAsync(HiveTokens.Issue(Crew, Hs, Now), [Hs]);

        Assert.Equal("service:crew", principal.Id);
        Assert.Equal(Crew.Agents, principal.Agents);
        Assert.Equal(Crew.Roles, principal.Roles);
        Assert.Equal(32, principal.TokenId.Length);
        Assert.InRange(principal.ExpiresAt, Now.AddHours(1).AddSeconds(-1), Now.AddHours(1).AddSeconds(1));
    }

    [Fact]
    public async Task ES256_signs_with_the_private_key_and_verifies_with_the_public_one_alone()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var signer = Key("ec", SigningAlgorithms.Es256, ecdsa.ExportPkcs8PrivateKeyPem());
        var verifier = Key("ec", SigningAlgorithms.Es256, ecdsa.ExportSubjectPublicKeyInfoPem());
        Assert.False(verifier.CanSign);

        var principal = await HiveTokens.VerifyAsync(HiveTokens.Issue(Crew, signer, Now), [verifier]);

        Assert.Equal("service:crew", principal.Id);
        Assert.Throws<InvalidOperationException>(() => HiveTokens.Issue(Crew, verifier, Now));
    }

    [Fact]
    public async Task Expired_unknown_key_wrong_secret_and_tampered_credentials_are_unauthenticated()
    {
        var other = Key("k2", SigningAlgorithms.Hs256, SigningKeyLoader.NewSecret());
        var sameIdOtherSecret = Key("k1", SigningAlgorithms.Hs256, SigningKeyLoader.NewSecret());
        var good = HiveTokens.Issue(Crew, Hs, Now);
        var parts = good.Split('.');
        var tampered = $"{parts[0]}.{parts[1][..^2]}AA.{parts[2]}";

        foreach (var (token, reason) in new[]
        {
            (HiveTokens.Issue(Crew with { Lifetime = TimeSpan.FromMinutes(5) }, Hs, Now.AddHours(-1)), "expired"),
            (HiveTokens.Issue(Crew, other, Now), "not signed by a key this hive holds"),
            (HiveTokens.Issue(Crew, sameIdOtherSecret, Now), "not signed by a key this hive holds"),
            (tampered, "not"),
            ("a.b.c", "not one this hive issued"),
        })
        {
            var error = await Assert.ThrowsAsync<HiveException>(() => HiveTokens.VerifyAsync(token, [Hs]));
            Assert.Equal(HiveErrorCodes.Unauthenticated, error.Code);
            Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_credential_for_an_invalid_name_or_without_a_lifetime_is_not_issued()
    {
        Assert.Equal(HiveErrorCodes.Validation, Assert.Throws<HiveException>(() => HiveTokens.Issue(Crew with { Name = "bad name" }, Hs, Now)).Code);
        Assert.Equal(HiveErrorCodes.Validation, Assert.Throws<HiveException>(() => HiveTokens.Issue(Crew with { Lifetime = TimeSpan.Zero }, Hs, Now)).Code);
    }

    [Fact]
    public async Task The_verifier_refuses_a_credential_once_it_expires_is_revoked_or_its_key_is_rotated_away()
    {
        var time = new FakeTimeProvider(Now);
        var keys = new KeyRing();
        keys.Replace([Hs]);
        var revoked = new RevokedTokens();
        var verifier = new CredentialVerifier(keys, revoked, time);
        var token = HiveTokens.Issue(Crew with { Lifetime = TimeSpan.FromMinutes(10) }, Hs, Now);

        var principal = await verifier.VerifyAsync(token);
        revoked.Update(1, [principal.TokenId]);
        Assert.Contains("revoked", (await Assert.ThrowsAsync<HiveException>(() => verifier.VerifyAsync(token).AsTask())).Message, StringComparison.Ordinal);
        revoked.Update(2, []);
        Assert.Equal(principal.Id, (await verifier.VerifyAsync(token)).Id);

        time.Advance(TimeSpan.FromMinutes(11));
        Assert.Contains("expired", (await Assert.ThrowsAsync<HiveException>(() => verifier.VerifyAsync(token).AsTask())).Message, StringComparison.Ordinal);

        var rotated = new CredentialVerifier(keys, revoked, new FakeTimeProvider(Now));
        Assert.Equal(principal.Id, (await rotated.VerifyAsync(token)).Id);
        keys.Replace([Key("k9", SigningAlgorithms.Hs256, SigningKeyLoader.NewSecret())]);
        Assert.Equal(HiveErrorCodes.Unauthenticated, (await Assert.ThrowsAsync<HiveException>(() => rotated.VerifyAsync(token).AsTask())).Code);
        Assert.Equal(HiveErrorCodes.Unauthenticated, (await Assert.ThrowsAsync<HiveException>(() => verifier.VerifyAsync(null).AsTask())).Code);
    }
}
