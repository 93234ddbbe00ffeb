using System.Reflection;
using Hive.Silo.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Hive.Tests.Unit;

/// <summary>Each silo's refresher keeps its key ring in step with the key folder, whatever happens to the revocation list.</summary>
[Trait("Category", "Unit")]
public sealed class SecurityRefresherTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hive-refresher-keys-").FullName;
    private readonly SecurityOptions _options;
    private readonly KeyRing _ring = new();

    public SecurityRefresherTests()
    {
        File.WriteAllText(Path.Combine(_folder, "key-a" + SigningKeyLoader.SecretSuffix), SigningKeyLoader.NewSecret());
        _options = new SecurityOptions { KeysPath = _folder, RefreshInterval = TimeSpan.FromMilliseconds(50) };
        // As the silo does when its container is built, before any hosted service starts.
        _ring.Replace(SigningKeyLoader.Load(_options));
    }

    /// <summary>
    /// Regression: the key folder was re-read only after the revocation list had been read, so while the revocation
    /// grain could not answer (its storage down, a call timing out) no rotation reached the silo: a removed key stayed
    /// accepted and a new one refused.
    /// </summary>
    [Fact]
    public async Task A_key_added_to_the_folder_is_loaded_while_the_revocation_list_cannot_be_read()
    {
        using var refresher = Refresher(DispatchProxy.Create<IGrainFactory, UnreachableRevocations>());
        await refresher.StartAsync(CancellationToken.None);
        await Task.Delay(300);

        AddKeyB();

        await UntilLoaded();
        await refresher.StopAsync(CancellationToken.None);
    }

    /// <summary>
    /// Regression: the refresher took the folder as it found it when it started for the folder the ring was loaded from,
    /// so a key added while the silo was starting (after its keys were loaded, before the refresher ran) was never loaded.
    /// </summary>
    [Fact]
    public async Task A_key_added_while_the_silo_starts_is_loaded()
    {
        AddKeyB();

        using var refresher = Refresher(DispatchProxy.Create<IGrainFactory, ReachableRevocations>());
        await refresher.StartAsync(CancellationToken.None);

        await UntilLoaded();
        await refresher.StopAsync(CancellationToken.None);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private SecurityRefresher Refresher(IGrainFactory grains) =>
        new(grains, new RevokedTokens(), _ring, Options.Create(_options), NullLogger<SecurityRefresher>.Instance);

    private void AddKeyB() => File.WriteAllText(Path.Combine(_folder, "key-b" + SigningKeyLoader.SecretSuffix), SigningKeyLoader.NewSecret());

    private Task UntilLoaded() => Cluster.HiveClusterFixture.Eventually(() => Task.FromResult(_ring.Keys.Any(k => k.Id == "key-b")),
        "the refresher loads the new key", within: TimeSpan.FromSeconds(5));

    /// <summary>A grain factory whose revocation list always fails, as a grain whose storage is down does.</summary>
    public class UnreachableRevocations : DispatchProxy
    {
        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => FeedFor(targetMethod, new Feed(fails: true));
    }

    /// <summary>A grain factory whose revocation list answers: nothing revoked.</summary>
    public class ReachableRevocations : DispatchProxy
    {
        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => FeedFor(targetMethod, new Feed(fails: false));
    }

    private static Feed FeedFor(MethodInfo? method, Feed feed) =>
        method is { Name: nameof(IGrainFactory.GetGrain), IsGenericMethod: true } && method.GetGenericArguments()[0] == typeof(IRevocationFeed)
            ? feed
            : throw new NotSupportedException(method?.Name);

    private sealed class Feed(bool fails) : IRevocationFeed
    {
        public Task<RevocationSnapshot> Since(long version) => fails
            ? Task.FromException<RevocationSnapshot>(new TimeoutException("the revocation grain did not answer"))
            : Task.FromResult(new RevocationSnapshot(0, []));
    }
}
