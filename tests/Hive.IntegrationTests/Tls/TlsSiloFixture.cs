namespace Hive.Tests.Tls;

/// <summary>
/// A real silo process with TLS on its silo, gateway and HTTP ports, requiring client certificates from the throwaway CA,
/// and an operator credential it accepts. Clients reach its gateway only through a <see cref="TapProxy"/>.
/// </summary>
public sealed class TlsSiloFixture : IAsyncLifetime
{
    private const string KeyId = "tls-test";
    private readonly string _secret = SigningKeyLoader.NewSecret();

    public ThrowawayPki Pki { get; } = new();
    public SiloProcess Silo { get; private set; } = null!;
    public TapProxy Tap { get; private set; } = null!;
    public string Token { get; private set; } = "";

    /// <summary>The same hive without TLS, behind a tap of its own: what an eavesdropper sees when transport security is off.</summary>
    public (SiloProcess Silo, TapProxy Tap) StartPlainSilo() => StartTapped(KeyEnvironment());

    public async Task InitializeAsync()
    {
        var problems = new List<string>();
        var key = SigningKeyLoader.Parse(KeyId, SigningAlgorithms.Hs256, _secret, "test key", problems)!;
        Token = HiveTokens.Issue(new TokenGrant(PrincipalKind.Operator, "tls-tester", TimeSpan.FromHours(1), Scopes: Scopes.All), key, DateTimeOffset.UtcNow);
        var environment = KeyEnvironment();
        environment["Hive__Tls__Enabled"] = "true";
        environment["Hive__Tls__CertificatePath"] = Pki.ServerCertificate;
        environment["Hive__Tls__KeyPath"] = Pki.ServerKey;
        environment["Hive__Tls__CaPath"] = Pki.Ca;
        environment["Hive__Tls__RequireClientCertificate"] = "true";
        environment["Hive__Http__Urls"] = $"https://127.0.0.1:{HttpsPort}";
        (Silo, Tap) = StartTapped(environment);
        await Silo.WaitForOutputAsync("Hive is running", TimeSpan.FromMinutes(1));
    }

    public int HttpsPort { get; } = FreePorts.Next();

    public async Task DisposeAsync()
    {
        await Silo.DisposeAsync();
        await Tap.DisposeAsync();
        Pki.Dispose();
    }

    /// <summary>
    /// The silo advertises the tap's port as its gateway and listens on another: Orleans clients address messages to the
    /// gateway they were given, so the tap must stand where the silo says it is.
    /// </summary>
    private static (SiloProcess, TapProxy) StartTapped(Dictionary<string, string> environment)
    {
        var listening = FreePorts.Next();
        var tap = new TapProxy(listening);
        environment["Orleans__Endpoints__GatewayListeningEndpoint"] = $"127.0.0.1:{listening}";
        return (SiloProcess.Start([], environment, gatewayPort: tap.Port), tap);
    }

    private Dictionary<string, string> KeyEnvironment() => new()
    {
        ["Hive__Security__Keys__0__Id"] = KeyId,
        ["Hive__Security__Keys__0__Secret"] = _secret,
    };
}
