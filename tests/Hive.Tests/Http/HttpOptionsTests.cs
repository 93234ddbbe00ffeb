using Hive.Silo.Hosting;
using Hive.Silo.Http;
using Hive.Tests.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Hive.Tests.Http;

[Trait("Category", "Unit")]
public sealed class HttpOptionsTests
{
    private static readonly HiveTlsOptions NoTls = new();

    /// <summary>The problems with <paramref name="http"/> next to a silo with the default 30 s shutdown timeout.</summary>
    internal static IEnumerable<string> Problems(HiveHttpOptions http, HiveTlsOptions tls) =>
        new HiveHttpOptionsValidator(Options.Create(new HiveSiloOptions()), Options.Create(tls)).Validate(null, http).Failures ?? [];

    [Theory]
    [InlineData("http://0.0.0.0:8080")]
    [InlineData("http://127.0.0.1:0")]
    [InlineData("http://*:8080;http://+:8081")]
    [InlineData("http://[::]:8080")]
    public void Listen_urls_in_Kestrels_forms_are_accepted(string urls) =>
        Assert.Empty(Problems(new HiveHttpOptions { Urls = urls }, NoTls));

    [Theory]
    [InlineData("0.0.0.0:8080", "Hive:Http:Urls entry '0.0.0.0:8080'")]
    [InlineData("ftp://host:21", "Hive:Http:Urls entry 'ftp://host:21'")]
    [InlineData(" ; ", "Hive:Http:Urls is empty")]
    public void A_bad_listen_url_is_named(string urls, string expected) =>
        Assert.Contains(Problems(new HiveHttpOptions { Urls = urls }, NoTls), p => p.StartsWith(expected, StringComparison.Ordinal));

    [Theory]
    [InlineData("short")]
    [InlineData("has a space in the middle of it")]
    public void A_weak_admin_token_is_refused_at_start(string token) =>
        Assert.Contains(Problems(new HiveHttpOptions { AdminToken = token }, NoTls), p => p.StartsWith("Hive:Http:AdminToken", StringComparison.Ordinal));

    [Fact]
    public void The_drain_must_fit_in_the_shutdown_timeout() =>
        Assert.Contains(Problems(new HiveHttpOptions { DrainDelay = TimeSpan.FromSeconds(30) }, NoTls),
            p => p.StartsWith("Hive:Http:DrainDelay", StringComparison.Ordinal));

    [Theory]
    [InlineData(null, false)]
    [InlineData("Bearer wrong-token-wrong-token", false)]
    [InlineData("Basic " + Token, false)]
    [InlineData("Bearer " + Token, true)]
    [InlineData("bearer " + Token, true)]
    [InlineData("Bearer  " + Token + " ", true)]
    public async Task The_admin_token_gate_opens_only_for_the_configured_bearer_token(string? authorization, bool allowed)
    {
        var gate = Gate(Token);

        Assert.Equal(allowed, await gate.AllowsAsync(Request(authorization)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task Without_a_configured_token_the_gate_opens_only_for_a_reading_operator(string? configured)
    {
        var gate = Gate(configured);

        Assert.False(await gate.AllowsAsync(Request("Bearer ")));
        Assert.False(await gate.AllowsAsync(Request("Bearer anything-at-all-really")));
        Assert.True(await gate.AllowsAsync(Request("Bearer " + SecureHiveFixture.OperatorToken("ops-reader", Scopes.Read))));
    }

    [Fact]
    public async Task The_gate_refuses_credentials_that_are_not_a_current_operator_holding_read()
    {
        var revoked = new RevokedTokens();
        var gate = Gate(Token, revoked);
        var revokedToken = SecureHiveFixture.OperatorToken("ops-gone", Scopes.Read);
        revoked.Update(1, [HiveTokens.ReadUnverified(revokedToken).TokenId]);
        var expired = SecureHiveFixture.Token(new TokenGrant(PrincipalKind.Operator, "ops-late", TimeSpan.FromMinutes(5), Scopes: [Scopes.Read]),
            DateTimeOffset.UtcNow.AddHours(-1));

        Assert.False(await gate.AllowsAsync(Request("Bearer " + SecureHiveFixture.OperatorToken("ops-halter", Scopes.Halt))));
        Assert.False(await gate.AllowsAsync(Request("Bearer " + SecureHiveFixture.AgentToken("agent-1", Scopes.Read))));
        Assert.False(await gate.AllowsAsync(Request("Bearer " + revokedToken)));
        Assert.False(await gate.AllowsAsync(Request("Bearer " + expired)));
    }

    private const string Token = "0123456789abcdef-token";

    /// <summary>A gate whose silo holds the secure fixture's key.</summary>
    private static AdminTokenGate Gate(string? adminToken, RevokedTokens? revoked = null)
    {
        var keys = new KeyRing();
        keys.Replace([SecureHiveFixture.Key]);
        return new AdminTokenGate(new HiveHttpOptions { AdminToken = adminToken },
            new CredentialVerifier(keys, revoked ?? new RevokedTokens(), TimeProvider.System));
    }

    private static HttpRequest Request(string? authorization)
    {
        var context = new DefaultHttpContext();
        if (authorization is not null) context.Request.Headers.Authorization = authorization;
        return context.Request;
    }
}
