using Hive.Console.Cli;
using Hive.Console.Commands;
using Hive.Console.Connection;
using Hive.Tests.Security;

namespace Hive.Tests.Console;

/// <summary>
/// <c>hive auth issue|whoami|revoke</c> and the exit codes of refused calls, against a hive that authenticates every
/// call. The console's connection sends the credential it resolved, as its own connector does.
/// </summary>
[Trait("Category", "Cluster")]
[Collection(SecureHiveCollection.Name)]
public sealed class ConsoleAuthTests(SecureHiveFixture hive) : IDisposable
{
    private readonly string _keys = Directory.CreateTempSubdirectory("hive-console-keys").FullName;

    public void Dispose() => Directory.Delete(_keys, recursive: true);

    [Fact]
    public async Task Issue_signs_agent_service_and_operator_credentials_the_hive_verifies()
    {
        var keyFile = WriteKey();

        var agent = await IssueAsync(["--agent", "builder-1", "--roles", "builder,reviewer", "--ttl", "8h", "--key-file", keyFile]);
        var service = await IssueAsync(["--service", "crew", "--agents", "crew-*", "--roles", "builder", "--key-file", keyFile]);
        var @operator = await IssueAsync(["--operator", "alice", "--scopes", "halt,read", "--ttl", "2h"], (IssuingKey.KeysPathVariable, _keys));

        Assert.Equal((PrincipalKind.Agent, "builder-1", "builder,reviewer"), (agent.Kind, agent.Name, string.Join(',', agent.Roles)));
        Assert.Equal((PrincipalKind.Service, "crew-*", "builder"), (service.Kind, string.Join(',', service.Agents), string.Join(',', service.Roles)));
        Assert.Equal((PrincipalKind.Operator, "alice", "halt,read"), (@operator.Kind, @operator.Name, string.Join(',', @operator.Scopes)));
        Assert.InRange(agent.ExpiresAt - DateTimeOffset.UtcNow, TimeSpan.FromHours(7.9), TimeSpan.FromHours(8));
    }

    [Theory]
    [InlineData("--operator", "alice", "--scopes", "read", "--ttl", "31d")]
    [InlineData("--operator", "alice", "--scopes", "read,root")]
    [InlineData("--operator", "alice", "--roles", "builder", "--scopes", "read")]
    [InlineData("--agent", "builder-1", "--scopes", "read")]
    [InlineData("--service", "crew", "--roles", "builder")]
    [InlineData("--agent", "builder-1", "--operator", "alice")]
    public async Task Issue_refuses_what_the_hive_would_not_grant_as_a_usage_error(params string[] args)
    {
        var result = await RunAsync(Environment(), ["auth", "issue", .. args, "--key-file", WriteKey()]);

        result.Failed(ExitCodes.Usage, "usage");
        Assert.Empty(result.Out);
    }

    [Fact]
    public async Task Issue_without_a_key_or_with_a_public_key_says_what_to_pass()
    {
        var noKey = await RunAsync(Environment(), "auth", "issue", "--agent", "builder-1");
        var notAKey = await RunAsync(Environment(), "auth", "issue", "--agent", "builder-1", "--key-file", Path.Combine(_keys, "notes.txt"));

        Assert.Contains("pass --key-file or --keys-path, or set HIVE_KEYS_PATH", noKey.Failed(ExitCodes.Usage, "usage").Err, StringComparison.Ordinal);
        notAKey.Failed(ExitCodes.Usage, "usage");
    }

    [Fact]
    public async Task Whoami_prints_the_principal_where_its_credential_came_from_and_that_the_hive_accepts_it()
    {
        var token = SecureHiveFixture.OperatorToken("alice", Scopes.Read, Scopes.Halt);

        var result = (await RunAsync(Environment(), "auth", "whoami", "--token", token)).Succeeded();

        Assert.Equal("from --token", result.Field("credential"));
        Assert.Equal(("operator:alice", "operator", "alice"), (result.Field("principal"), result.Field("kind"), result.Field("name")));
        Assert.Equal(("read, halt", "-"), (result.Field("scopes"), result.Field("roles")));
        Assert.Equal(HiveTokens.ReadUnverified(token).TokenId, result.Field("token id"));
        Assert.Equal("accepts it", result.Field("hive"));
    }

    [Fact]
    public async Task Whoami_of_a_credential_signed_by_a_key_the_hive_does_not_hold_exits_6()
    {
        var foreign = SigningKeyLoader.Parse(SecureHiveFixture.KeyId, SigningAlgorithms.Hs256, SigningKeyLoader.NewSecret(), "test", [])!;
        var token = HiveTokens.Issue(new TokenGrant(PrincipalKind.Agent, "stranger-1", TimeSpan.FromHours(1)), foreign, DateTimeOffset.UtcNow);

        var result = await RunAsync(Environment(("HIVE_TOKEN", token)), "auth", "whoami", "--json");

        Assert.Equal(ExitCodes.Unauthenticated, result.ExitCode);
        var json = result.Json();
        Assert.Equal(("agent:stranger-1", "HIVE_TOKEN", false), (json.GetProperty("principal").GetString(), json.GetProperty("source").GetString(), json.GetProperty("accepted").GetBoolean()));
        Assert.StartsWith("refuses it: Unauthenticated: the credential is not signed by a key this hive holds", json.GetProperty("hive").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoke_by_an_operator_holding_tokens_makes_the_hive_refuse_the_credential()
    {
        var viewer = SecureHiveFixture.OperatorToken("viewer", Scopes.Read);
        await hive.As(viewer).GetLimitsAsync();
        var tokenId = HiveTokens.ReadUnverified(viewer).TokenId;

        var result = (await RunAsync(Environment(), "auth", "revoke", tokenId, "--until", "2030-01-01T00:00Z",
            "--token", SecureHiveFixture.OperatorToken("sec", Scopes.Tokens))).Succeeded();

        Assert.Contains($"credential {tokenId} revoked by operator:sec", result.Out, StringComparison.Ordinal);
        var refused = await RefusedWithinAsync(viewer, TimeSpan.FromSeconds(10));
        Assert.Contains("has been revoked", refused.Message, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Unauthenticated, (await RunAsync(Environment(), "status", "--token", viewer)).ExitCode);
    }

    [Fact]
    public async Task Refused_calls_exit_6_without_a_credential_the_hive_accepts_and_7_without_the_right()
    {
        var none = await RunAsync(Environment(), "agents", "list");
        var revoker = await RunAsync(Environment(), "auth", "revoke", "0123456789abcdef", "--token", SecureHiveFixture.OperatorToken("reader", Scopes.Read));
        var halter = await RunAsync(Environment(), "agents", "list", "--token", SecureHiveFixture.OperatorToken("halter", Scopes.Halt));

        none.Failed(ExitCodes.Unauthenticated, "unauthenticated");
        revoker.Failed(ExitCodes.Forbidden, "forbidden");
        halter.Failed(ExitCodes.Forbidden, "forbidden");
    }

    /// <summary>The console as a terminal runs it, with the credential it resolved sent on every call.</summary>
    private CliEnvironment Environment(params (string Name, string Value)[] variables)
    {
        var values = variables.ToDictionary(v => v.Name, v => v.Value);
        return new CliEnvironment
        {
            Out = ConsoleRun.Wide(),
            Error = ConsoleRun.Wide(),
            Connector = settings => new FixedHiveConnector(hive.As(settings.Credential?.Token)),
            Variable = values.GetValueOrDefault,
            HomeDirectory = _keys,
            WorkingDirectory = _keys,
            UserName = ConsoleRun.Operator,
        };
    }

    private static Task<ConsoleResult> RunAsync(CliEnvironment env, params string[] args) => ConsoleRun.RunAsync(env, args);

    private async Task<Principal> IssueAsync(string[] args, params (string Name, string Value)[] variables)
    {
        var result = (await RunAsync(Environment(variables), ["auth", "issue", .. args])).Succeeded();
        return await HiveTokens.VerifyAsync(result.Out.Trim(), [SecureHiveFixture.Key]);
    }

    /// <summary>The fixture's key as an operator keeps it: a file named after its id.</summary>
    private string WriteKey()
    {
        var path = Path.Combine(_keys, SecureHiveFixture.KeyId + SigningKeyLoader.SecretSuffix);
        File.WriteAllText(path, SecureHiveFixture.Secret);
        return path;
    }

    private async Task<HiveException> RefusedWithinAsync(string token, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            try
            {
                await hive.As(token).GetLimitsAsync();
            }
            catch (HiveException e) when (e.Code == HiveErrorCodes.Unauthenticated)
            {
                return e;
            }
            Assert.True(DateTime.UtcNow < deadline, "the revoked credential was still accepted");
            await Task.Delay(100);
        }
    }
}
