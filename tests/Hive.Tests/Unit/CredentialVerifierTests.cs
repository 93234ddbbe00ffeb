namespace Hive.Tests.Unit;

/// <summary>The verifier remembers verified credentials, but never past a change of the keys they were verified with.</summary>
[Trait("Category", "Unit")]
public class CredentialVerifierTests
{
    private static readonly SigningKey KeyA = SigningKeyLoader.Parse("key-a", SigningAlgorithms.Hs256, SigningKeyLoader.NewSecret(), "test", [])!;
    private static readonly SigningKey KeyB = SigningKeyLoader.Parse("key-b", SigningAlgorithms.Hs256, SigningKeyLoader.NewSecret(), "test", [])!;
    private static readonly TokenGrant Grant = new(PrincipalKind.Agent, "agent-1", TimeSpan.FromHours(1));
    private const int Rounds = 400;

    [Fact]
    public async Task A_credential_of_a_removed_key_is_refused_once_the_keys_change()
    {
        var ring = new KeyRing();
        ring.Replace([KeyA, KeyB]);
        var verifier = new CredentialVerifier(ring, new RevokedTokens(), TimeProvider.System);
        var token = HiveTokens.Issue(Grant, KeyA, DateTimeOffset.UtcNow);
        Assert.Equal("agent:agent-1", (await verifier.VerifyAsync(token)).Id);

        ring.Replace([KeyB]);

        var refused = await Assert.ThrowsAsync<HiveException>(() => verifier.VerifyAsync(token).AsTask());
        Assert.Equal(HiveErrorCodes.Unauthenticated, refused.Code);
    }

    /// <summary>
    /// Regression: a verification that read the old keys and finished after the keys changed used to put the credential
    /// back into the remembered set just emptied, so a credential of a removed key kept working until it expired.
    /// Callers verify the credential again and again while the keys are replaced under them (each replacement forgets
    /// it, so they keep verifying it afresh); after the replacement that drops its key, it must be refused.
    /// </summary>
    [Fact]
    public async Task A_credential_verified_while_its_key_is_removed_is_not_remembered_past_the_removal()
    {
        var remembered = 0;
        for (var round = 0; round < Rounds; round++)
        {
            var ring = new KeyRing();
            ring.Replace([KeyA, KeyB]);
            var verifier = new CredentialVerifier(ring, new RevokedTokens(), TimeProvider.System);
            var token = HiveTokens.Issue(Grant, KeyA, DateTimeOffset.UtcNow);
            await RotationRace.RunAsync(ring, [KeyA, KeyB], [KeyB], async () =>
            {
                try
                {
                    await verifier.VerifyAsync(token);
                }
                catch (HiveException)
                {
                    // Refused once the key is gone: what should happen.
                }
            });

            try
            {
                await verifier.VerifyAsync(token);
                remembered++;
            }
            catch (HiveException e) when (e.Code == HiveErrorCodes.Unauthenticated)
            {
            }
        }
        Assert.True(remembered == 0, $"In {remembered} of {Rounds} rounds a credential of the removed key was still accepted after the keys changed.");
    }
}

/// <summary>A silo's own credential follows the key ring, even when it is renewed while the ring is replaced.</summary>
[Trait("Category", "Unit")]
public class SiloCredentialTests
{
    private static readonly SigningKey KeyA = SigningKeyLoader.Parse("key-a", SigningAlgorithms.Hs256, SigningKeyLoader.NewSecret(), "test", [])!;
    private static readonly SigningKey KeyB = SigningKeyLoader.Parse("key-b", SigningAlgorithms.Hs256, SigningKeyLoader.NewSecret(), "test", [])!;

    /// <summary>
    /// Regression: a renewal that read the old signer and finished after the ring changed kept a credential signed with
    /// the old key for half its lifetime (five minutes), so the silo's own calls were refused once that key was removed.
    /// </summary>
    [Fact]
    public async Task The_credential_after_a_rotation_is_signed_with_a_key_the_ring_still_holds()
    {
        const int rounds = 150;
        var stale = 0;
        for (var round = 0; round < rounds; round++)
        {
            var ring = new KeyRing();
            ring.Replace([KeyA]);
            var credential = new SiloCredential(ring, TimeProvider.System);
            await RotationRace.RunAsync(ring, [KeyA], [KeyB], () =>
            {
                Assert.NotNull(credential.Current);
                return Task.CompletedTask;
            });

            try
            {
                await HiveTokens.VerifyAsync(credential.Current!, ring.Keys);
            }
            catch (HiveException)
            {
                stale++;
            }
        }
        Assert.True(stale == 0, $"In {stale} of {rounds} rounds the silo's credential was still signed with the removed key.");
    }
}

/// <summary>Three callers call again and again while a key ring is replaced twenty times, then replaced by its final keys.</summary>
internal static class RotationRace
{
    public static async Task RunAsync(KeyRing ring, SigningKey[] churn, SigningKey[] final, Func<Task> call)
    {
        using var stop = new CancellationTokenSource();
        var callers = Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested) await call();
        })).ToList();
        for (var i = 0; i < 20; i++)
        {
            ring.Replace(churn);
            await Task.Yield();
        }
        ring.Replace(final);
        await Task.Delay(1);
        await stop.CancelAsync();
        await Task.WhenAll(callers);
    }
}
