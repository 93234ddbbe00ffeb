using System.Security.Cryptography.X509Certificates;
using Hive.Client.Tls;
using Hive.Silo.Hosting;
using Hive.Silo.Http;
using Hive.Tests.Http;
using Microsoft.Extensions.Options;

namespace Hive.Tests.Tls;

/// <summary>Every TLS setting is checked before anything listens, one line per problem naming its key.</summary>
[Trait("Category", "Unit")]
public sealed class TlsOptionsTests : IDisposable
{
    private readonly ThrowawayPki _pki = new();

    public void Dispose() => _pki.Dispose();

    [Fact]
    public void A_silo_with_certificate_key_and_ca_from_a_cert_manager_secret_is_valid() =>
        Assert.True(new HiveTlsOptionsValidator().Validate(null, SiloTls()).Succeeded);

    [Fact]
    public void Disabled_tls_is_not_checked() =>
        Assert.True(new HiveTlsOptionsValidator().Validate(null, new HiveTlsOptions { CertificatePath = "/nowhere" }).Succeeded);

    [Theory]
    [InlineData("no-certificate", "Hive:Tls:CertificatePath is required")]
    [InlineData("missing-certificate", "Hive:Tls:CertificatePath '/nowhere/tls.crt' does not exist")]
    [InlineData("missing-key", "Hive:Tls:KeyPath '/nowhere/tls.key' does not exist")]
    [InlineData("wrong-key", "Hive:Tls:CertificatePath")]
    [InlineData("ca-is-a-key", "Hive:Tls:CaPath")]
    [InlineData("client-certificates-without-ca", "Hive:Tls:RequireClientCertificate needs Hive:Tls:CaPath")]
    public void Each_bad_silo_setting_is_one_line_naming_its_key(string fault, string expected)
    {
        var options = SiloTls();
        switch (fault)
        {
            case "no-certificate": options.CertificatePath = null; options.KeyPath = null; break;
            case "missing-certificate": options.CertificatePath = "/nowhere/tls.crt"; break;
            case "missing-key": options.KeyPath = "/nowhere/tls.key"; break;
            case "wrong-key": options.KeyPath = _pki.ClientKey; break;
            case "ca-is-a-key": options.CaPath = _pki.ServerKey; break;
            case "client-certificates-without-ca": options.CaPath = null; options.RequireClientCertificate = true; break;
        }

        var failures = new HiveTlsOptionsValidator().Validate(null, options).Failures ?? [];

        var line = Assert.Single(failures);
        Assert.StartsWith(expected, line, StringComparison.Ordinal);
    }

    [Fact]
    public void The_silo_reports_tls_problems_before_it_builds()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Hive:Tls:Enabled"] = "true",
            ["Hive:Tls:CertificatePath"] = "/nowhere/tls.crt",
            ["Hive:Http:Urls"] = "https://127.0.0.1:8443",
        }).Build();

        var problems = Assert.Throws<OptionsValidationException>(() => HostSettings.Read(configuration)).Failures;

        Assert.Contains(problems, p => p.StartsWith("Hive:Tls:CertificatePath '/nowhere/tls.crt' does not exist", StringComparison.Ordinal));
    }

    [Fact]
    public void An_https_url_needs_a_certificate_of_its_own_or_the_silos()
    {
        var http = new HiveHttpOptions { Urls = "https://0.0.0.0:8443" };

        Assert.Contains(HttpOptionsTests.Problems(http, new HiveTlsOptions()), p => p.StartsWith("Hive:Http:Urls has an https:// URL but no certificate", StringComparison.Ordinal));
        Assert.Empty(HttpOptionsTests.Problems(http, SiloTls()));
        Assert.Empty(HttpOptionsTests.Problems(new HiveHttpOptions { Urls = http.Urls, CertificatePath = _pki.ServerCertificate, KeyPath = _pki.ServerKey }, new HiveTlsOptions()));
    }

    [Fact]
    public void A_client_with_tls_files_but_tls_off_is_refused_rather_than_sending_credentials_in_clear()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddHiveClient(o => o.Tls.CaPath = _pki.Ca));

        Assert.Contains("Hive:Client:Tls:CaPath, CertificatePath or TargetHost is set but Hive:Client:Tls:Enabled is false", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_client_names_a_missing_ca_and_a_certificate_without_its_key()
    {
        var options = new HiveClientTlsOptions { Enabled = true, CaPath = "/nowhere/ca.crt", CertificatePath = _pki.ClientCertificate };

        var failures = new HiveClientTlsOptionsValidator().Validate(null, options).Failures ?? [];

        Assert.Equal(2, failures.Count());
        Assert.Contains(failures, f => f.StartsWith("Hive:Client:Tls:CaPath '/nowhere/ca.crt' does not exist", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Hive:Client:Tls:CertificatePath", StringComparison.Ordinal));
    }

    [Fact]
    public void Client_tls_binds_from_configuration()
    {
        var options = new HiveClientOptions();
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Hive:Client:Tls:Enabled"] = "true",
            ["Hive:Client:Tls:CaPath"] = _pki.Ca,
            ["Hive:Client:Tls:TargetHost"] = "hive-gateway.hive.svc",
        }).Build().GetSection(HiveClientOptions.Section).Bind(options);

        Assert.True(options.Tls.Enabled);
        Assert.Equal(_pki.Ca, options.Tls.CaPath);
        Assert.True(new HiveClientTlsOptionsValidator().Validate(null, options.Tls).Succeeded);
    }

    [Fact]
    public void A_password_protected_pfx_loads_with_its_key()
    {
        var pfx = _pki.Path("silo.pfx");
        using (var pem = X509Certificate2.CreateFromPemFile(_pki.ServerCertificate, _pki.ServerKey))
            File.WriteAllBytes(pfx, pem.Export(X509ContentType.Pkcs12, "s3cret"));

        using var loaded = TlsFiles.LoadCertificate(pfx, keyPath: null, "s3cret");

        Assert.True(loaded.HasPrivateKey);
        Assert.NotEmpty(new HiveTlsOptionsValidator().Validate(null, new HiveTlsOptions { Enabled = true, CertificatePath = pfx, CertificatePassword = "wrong" }).Failures ?? []);
    }

    private HiveTlsOptions SiloTls() => new()
    {
        Enabled = true,
        CertificatePath = _pki.ServerCertificate,
        KeyPath = _pki.ServerKey,
        CaPath = _pki.Ca,
    };
}
