using System.Text;
using Hive.Client.Tls;
using Hive.Console.Connection;
using Microsoft.Extensions.Hosting;

namespace Hive.Tests.Tls;

/// <summary>Clients reach a TLS silo only with the right trust and certificate, and a credential never crosses the wire in clear.</summary>
[Trait("Category", "Process")]
public sealed class TlsTransportTests(TlsSiloFixture hive) : IClassFixture<TlsSiloFixture>
{
    private static readonly TimeSpan ConnectWithin = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_client_trusting_the_ca_with_its_certificate_connects_and_calls()
    {
        using var host = ClientHost(hive.Tap.Port, tls => Trusted(tls));
        await StartAsync(host);

        var error = await Assert.ThrowsAsync<HiveException>(() => host.Services.GetRequiredService<HiveClient>().Tasks.GetAsync("no-such-task"));

        // Not found, not unauthenticated: the call went through TLS, carried the credential and reached the grain.
        Assert.Equal(HiveErrorCodes.NotFound, error.Code);
        await host.StopAsync();
    }

    [Fact]
    public async Task A_client_that_does_not_trust_the_ca_cannot_connect()
    {
        using var host = ClientHost(hive.Tap.Port, tls =>
        {
            Trusted(tls);
            tls.CaPath = hive.Pki.StrangerCa;
        });
        await AssertCannotCallAsync(host);
    }

    [Fact]
    public async Task A_client_without_a_certificate_cannot_connect_when_one_is_required()
    {
        using var host = ClientHost(hive.Tap.Port, tls => tls.CaPath = hive.Pki.Ca);
        await AssertCannotCallAsync(host);
    }

    [Fact]
    public async Task A_client_with_a_certificate_from_another_ca_cannot_connect()
    {
        using var host = ClientHost(hive.Tap.Port, tls =>
        {
            tls.CaPath = hive.Pki.Ca;
            tls.CertificatePath = hive.Pki.StrangerCertificate;
            tls.KeyPath = hive.Pki.StrangerKey;
        });
        await AssertCannotCallAsync(host);
    }

    [Fact]
    public async Task An_eavesdropper_sees_the_credential_without_tls_and_not_with_it()
    {
        var signature = Encoding.UTF8.GetBytes(hive.Token[(hive.Token.LastIndexOf('.') + 1)..]);
        var (plain, plainTap) = hive.StartPlainSilo();
        await using var stopPlain = plain;
        await using var stopPlainTap = plainTap;
        await plain.WaitForOutputAsync("Hive is running", TimeSpan.FromMinutes(1));

        await CallOnceAsync(plainTap.Port, tls: null);
        await CallOnceAsync(hive.Tap.Port, tls => Trusted(tls));
        var clear = plainTap.Captured;
        var encrypted = hive.Tap.Captured;

        Assert.True(clear.AsSpan().IndexOf(signature) >= 0, "without TLS the captured bytes should carry the credential; the tap saw nothing useful");
        Assert.True(encrypted.Length > 1000, $"the tap captured only {encrypted.Length} bytes of the TLS session");
        Assert.Equal(0x16, encrypted[0]);   // a TLS handshake record opens the connection
        Assert.True(encrypted.AsSpan().IndexOf(signature) < 0, "the credential crossed the wire in clear despite TLS");
    }

    [Fact]
    public async Task The_console_connects_over_tls_from_its_client_configuration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Hive:Client:Token"] = hive.Token,
            ["Hive:Client:Tls:Enabled"] = "true",
            ["Hive:Client:Tls:CaPath"] = hive.Pki.Ca,
            ["Hive:Client:Tls:CertificatePath"] = hive.Pki.ClientCertificate,
            ["Hive:Client:Tls:KeyPath"] = hive.Pki.ClientKey,
        }).Build();
        var settings = new ConnectionSettings([$"127.0.0.1:{hive.Tap.Port}"], "hive", "hive", "tester");

        await using var connection = await new OrleansConnector(settings, configuration).ConnectAsync(CancellationToken.None);
        var error = await Assert.ThrowsAsync<HiveException>(() => connection.Hive.Tasks.GetAsync("no-such-task"));

        Assert.Equal(HiveErrorCodes.NotFound, error.Code);
    }

    [Fact]
    public async Task The_http_probes_are_served_over_https_with_the_silo_certificate()
    {
        var trust = new PeerTrust(TlsFiles.LoadAuthorities(hive.Pki.Ca), "127.0.0.1");
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, certificate, chain, _) => trust.Accepts(certificate!, chain) };
        using var http = new HttpClient(handler);

        using var response = await http.GetAsync(new Uri($"https://127.0.0.1:{hive.HttpsPort}/health/live"));

        Assert.True(response.IsSuccessStatusCode, $"/health/live over https answered {response.StatusCode}");
    }

    private async Task CallOnceAsync(int gatewayPort, Action<HiveClientTlsOptions>? tls)
    {
        using var host = ClientHost(gatewayPort, tls);
        await StartAsync(host);
        var error = await Assert.ThrowsAsync<HiveException>(() => host.Services.GetRequiredService<HiveClient>().Tasks.GetAsync("watched-task"));
        Assert.Equal(HiveErrorCodes.NotFound, error.Code);
        await host.StopAsync();
    }

    private void Trusted(HiveClientTlsOptions tls)
    {
        tls.CaPath = hive.Pki.Ca;
        tls.CertificatePath = hive.Pki.ClientCertificate;
        tls.KeyPath = hive.Pki.ClientKey;
        tls.TargetHost = "localhost";
    }

    private IHost ClientHost(int gatewayPort, Action<HiveClientTlsOptions>? tls)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddHiveClient(options =>
        {
            options.Gateways.Add($"127.0.0.1:{gatewayPort}");
            options.Token = hive.Token;
            options.Resilience.MaxRetries = 0;
            if (tls is null) return;
            options.Tls.Enabled = true;
            tls(options.Tls);
        });
        return builder.Build();
    }

    private static async Task StartAsync(IHost host)
    {
        using var timeout = new CancellationTokenSource(ConnectWithin);
        await host.StartAsync(timeout.Token);
    }

    /// <summary>The connection fails at start, or the first call does when the gateway hung up after it; a grain's answer means it got through.</summary>
    private static async Task AssertCannotCallAsync(IHost host)
    {
        var failure = await Record.ExceptionAsync(async () =>
        {
            await StartAsync(host);
            await host.Services.GetRequiredService<HiveClient>().Tasks.GetAsync("no-such-task").WaitAsync(ConnectWithin);
        });
        Assert.NotNull(failure);
        Assert.False(failure is HiveException { Code: HiveErrorCodes.NotFound }, "the call reached a grain");
    }
}
