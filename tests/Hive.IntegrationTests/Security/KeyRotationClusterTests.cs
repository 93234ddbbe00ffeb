using System.Diagnostics;
using Hive.Catalog;
using Microsoft.Extensions.Hosting;

namespace Hive.Tests.Security;

/// <summary>
/// Integration (real PostgreSQL and Redis): three silo processes in one cluster sharing a key folder
/// (<c>Hive:Security:KeysPath</c>) at the default <c>Hive:Security:RefreshInterval</c>, and one client per silo pinned to
/// that silo's gateway (a static list, not Redis). Each silo is told apart by its <c>Hive:Memory:MaxValueBytes</c>,
/// which <see cref="IHiveQueryGrain.GetLimits"/> reports; that grain is a stateless worker, so a client's call activates
/// it on the gateway's own silo and that silo's credential filter is the one that checks the call.
/// </summary>
public sealed class KeyRotationCluster : IAsyncLifetime
{
    public const int Size = 3;
    private static readonly TimeSpan StartWithin = TimeSpan.FromMinutes(2);
    private readonly SiloProcess?[] _silos = new SiloProcess?[Size];
    private readonly IHost?[] _clients = new IHost?[Size];
    private TestDatabase? _database;

    public string Folder { get; } = Directory.CreateTempSubdirectory("hive-rotation-keys-").FullName;

    public string ClusterId { get; } = DurableSilo.NewClusterId("rotation");

    /// <summary>The key the folder starts with; <see cref="KeyRotationClusterTests"/> rotates to <c>rot-b</c>.</summary>
    public SigningKey KeyA { get; } = NewKey("rot-a");

    public SigningKey KeyB { get; } = NewKey("rot-b");

    /// <summary>The newest key in the folder now: what a test issues credentials with.</summary>
    public SigningKey Current { get; set; } = null!;

    public SiloProcess Silo(int index) => _silos[index]!;

    public IClusterClient Client(int index) => _clients[index]!.Services.GetRequiredService<IClusterClient>();

    /// <summary>The value silo <paramref name="index"/> answers <see cref="IHiveQueryGrain.GetLimits"/> with.</summary>
    public static int Marker(int index) => 60_000 + index;

    public async Task InitializeAsync()
    {
        WriteKey(KeyA);
        Current = KeyA;
        _database = await TestDatabase.CreateAsync();
        // The first silo migrates the empty database; the others would only wait for its advisory lock.
        await StartAsync(0);
        await Task.WhenAll(StartAsync(1), StartAsync(2));
        for (var i = 0; i < Size; i++)
        {
            var builder = Host.CreateApplicationBuilder();
            var gateway = Silo(i).GatewayPort;
            builder.Services.AddHiveClient(o =>
            {
                o.Gateways.Add($"127.0.0.1:{gateway}");
                o.ClusterId = ClusterId;
                o.ServiceId = ClusterId;
            });
            _clients[i] = builder.Build();
            await _clients[i]!.StartAsync();
        }
    }

    /// <summary>Writes the key file whole (to a name no silo reads, then renamed), as a mounted Secret appears.</summary>
    public void WriteKey(SigningKey key)
    {
        var secret = Convert.ToBase64String(((Microsoft.IdentityModel.Tokens.SymmetricSecurityKey)key.Key).Key);
        var temporary = Path.Combine(Folder, $".{key.Id}.writing");
        File.WriteAllText(temporary, secret);
        File.Move(temporary, Path.Combine(Folder, key.Id + SigningKeyLoader.SecretSuffix));
    }

    public void RemoveKey(SigningKey key) => File.Delete(Path.Combine(Folder, key.Id + SigningKeyLoader.SecretSuffix));

    /// <summary>Calls <see cref="IHiveQueryGrain.GetLimits"/> through silo <paramref name="index"/>'s gateway with <paramref name="token"/>.</summary>
    public async Task<int> ProbeAsync(int index, string token)
    {
        RequestContext.Set(HiveRequestContext.CredentialKey, token);
        try
        {
            return (await Client(index).GetGrain<IHiveQueryGrain>(0).GetLimits()).MaxMemoryValueBytes;
        }
        finally
        {
            RequestContext.Remove(HiveRequestContext.CredentialKey);
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _clients.OfType<IHost>())
        {
            await client.StopAsync();
            client.Dispose();
        }
        foreach (var silo in _silos.OfType<SiloProcess>()) await silo.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }

    private async Task StartAsync(int index)
    {
        var environment = DurableSilo.Environment(_database!.ConnectionString, ClusterId);
        environment["Hive__Security__KeysPath"] = Folder;
        environment["Hive__Memory__MaxValueBytes"] = Marker(index).ToString(System.Globalization.CultureInfo.InvariantCulture);
        environment["Hive__Health__ReportSiloSignals"] = "false";
        var silo = SiloProcess.Start([], environment);
        _silos[index] = silo;
        await silo.WaitForOutputAsync("Hive is running", StartWithin);
    }

    private static SigningKey NewKey(string prefix) =>
        SigningKeyLoader.Parse($"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)], SigningAlgorithms.Hs256, SigningKeyLoader.NewSecret(), "test", [])!;
}

/// <summary>
/// Rotation and revocation reach every silo within the documented time: docs/security.md (Keys) says the key folder and the
/// revocation list are re-read every <c>Hive:Security:RefreshInterval</c> (2 s), so either takes effect within that
/// interval plus one call. The assertions allow <see cref="Slack"/> on top for a busy two-core machine running three
/// silos, and print what was measured.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class KeyRotationCollection : ICollectionFixture<KeyRotationCluster>
{
    public const string Name = "key-rotation-cluster";
}

[Trait("Category", "Process")]
[Collection(KeyRotationCollection.Name)]
public sealed class KeyRotationClusterTests(KeyRotationCluster cluster, ITestOutputHelper output)
{
    /// <summary>The documented default <c>Hive:Security:RefreshInterval</c>; the silos run with it.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(2);

    /// <summary>Slack for a loaded machine: a refresh tick late, a slow grain call to the revocation list, a slow probe.</summary>
    public static readonly TimeSpan Slack = TimeSpan.FromSeconds(3);

    public static readonly TimeSpan Bound = RefreshInterval + Slack;

    [Fact]
    public async Task A_key_added_to_the_folder_is_accepted_and_a_removed_one_refused_on_every_silo_within_the_refresh_time()
    {
        Assert.Equal(cluster.KeyA, cluster.Current);
        var signedA = Issue(cluster.KeyA);
        var signedB = Issue(cluster.KeyB);
        for (var i = 0; i < KeyRotationCluster.Size; i++)
        {
            Assert.Equal(KeyRotationCluster.Marker(i), await cluster.ProbeAsync(i, signedA));
            await AssertRefusedAsync(i, signedB, "not signed by a key this hive holds");
        }

        cluster.WriteKey(cluster.KeyB);
        cluster.Current = cluster.KeyB;
        var accepted = await OnEverySiloWithin("a B-signed credential is accepted", i => AcceptedAsync(i, signedB));
        for (var i = 0; i < KeyRotationCluster.Size; i++)
        {
            Assert.Equal(KeyRotationCluster.Marker(i), await cluster.ProbeAsync(i, signedA));
            Assert.Contains($"Signing keys reloaded: {cluster.KeyA.Id}, {cluster.KeyB.Id}", cluster.Silo(i).Output, StringComparison.Ordinal);
        }

        cluster.RemoveKey(cluster.KeyA);
        var refused = await OnEverySiloWithin("an A-signed credential is refused", i => RefusedAsync(i, signedA, "not signed by a key this hive holds"));
        for (var i = 0; i < KeyRotationCluster.Size; i++)
        {
            Assert.Equal(KeyRotationCluster.Marker(i), await cluster.ProbeAsync(i, signedB));
            Assert.Contains($"Signing keys reloaded: {cluster.KeyB.Id}{Environment.NewLine}", cluster.Silo(i).Output, StringComparison.Ordinal);
        }
        AssertWithinBound(accepted, refused);
    }

    [Fact]
    public async Task A_credential_revoked_through_the_hive_is_refused_on_every_silo_within_the_refresh_time()
    {
        var token = Issue(cluster.Current);
        for (var i = 0; i < KeyRotationCluster.Size; i++) Assert.Equal(KeyRotationCluster.Marker(i), await cluster.ProbeAsync(i, token));
        var revoked = HiveTokens.ReadUnverified(token);
        var security = HiveTokens.Issue(new TokenGrant(PrincipalKind.Operator, "security", TimeSpan.FromHours(1), Scopes: [Scopes.Tokens]), cluster.Current, DateTimeOffset.UtcNow);

        RequestContext.Set(HiveRequestContext.CredentialKey, security);
        try
        {
            await cluster.Client(0).GetGrain<ITokenRevocationGrain>(0).Revoke(revoked.TokenId, revoked.ExpiresAt, "operator:security");
        }
        finally
        {
            RequestContext.Remove(HiveRequestContext.CredentialKey);
        }
        var refused = await OnEverySiloWithin("the revoked credential is refused", i => RefusedAsync(i, token, "revoked"));

        for (var i = 0; i < KeyRotationCluster.Size; i++) Assert.Equal(KeyRotationCluster.Marker(i), await cluster.ProbeAsync(i, Issue(cluster.Current)));
        AssertWithinBound(refused);
    }

    private static string Issue(SigningKey key) =>
        HiveTokens.Issue(new TokenGrant(PrincipalKind.Operator, "rotation", TimeSpan.FromHours(1), Scopes: [Scopes.Read]), key, DateTimeOffset.UtcNow);

    private async Task<bool> AcceptedAsync(int index, string token)
    {
        try
        {
            // The marker proves the call was checked and answered by silo `index` itself.
            Assert.Equal(KeyRotationCluster.Marker(index), await cluster.ProbeAsync(index, token));
            return true;
        }
        catch (HiveException e) when (e.Code == HiveErrorCodes.Unauthenticated)
        {
            return false;
        }
    }

    private async Task<bool> RefusedAsync(int index, string token, string says)
    {
        try
        {
            Assert.Equal(KeyRotationCluster.Marker(index), await cluster.ProbeAsync(index, token));
            return false;
        }
        catch (HiveException e) when (e.Code == HiveErrorCodes.Unauthenticated)
        {
            Assert.Contains(says, e.Message, StringComparison.Ordinal);
            return true;
        }
    }

    private async Task AssertRefusedAsync(int index, string token, string says) => Assert.True(await RefusedAsync(index, token, says), $"silo {index} accepted the credential");

    /// <summary>
    /// From now, polls every silo until <paramref name="condition"/> holds on it, and returns how long each took. Waits well
    /// past the bound (30 s) so a slow silo shows its real time in the failure instead of a bare timeout.
    /// </summary>
    private async Task<(string What, TimeSpan[] Took)> OnEverySiloWithin(string what, Func<int, Task<bool>> condition)
    {
        var clock = Stopwatch.StartNew();
        var took = await Task.WhenAll(Enumerable.Range(0, KeyRotationCluster.Size).Select(async i =>
        {
            while (!await condition(i))
            {
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"silo {i}: {what} not within 30 s");
                await Task.Delay(50);
            }
            return clock.Elapsed;
        }));
        output.WriteLine($"{what}: {string.Join(", ", took.Select((t, i) => $"silo {i} after {t.TotalSeconds:0.00} s"))} (bound {Bound.TotalSeconds:0} s)");
        return (what, took);
    }

    private static void AssertWithinBound(params (string What, TimeSpan[] Took)[] steps)
    {
        var late = steps.SelectMany(s => s.Took.Select((t, i) => (s.What, Silo: i, Took: t))).Where(x => x.Took > Bound).ToList();
        Assert.True(late.Count == 0, $"Beyond RefreshInterval {RefreshInterval.TotalSeconds:0} s + slack {Slack.TotalSeconds:0} s: " +
            string.Join("; ", late.Select(x => $"{x.What} on silo {x.Silo} after {x.Took.TotalSeconds:0.00} s")));
    }
}
