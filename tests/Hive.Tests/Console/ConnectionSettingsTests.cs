using Hive.Console.Cli;
using Hive.Console.Connection;

namespace Hive.Tests.Console;

/// <summary>Each connection setting comes from the flag, else the environment, else the config file, else the default.</summary>
[Trait("Category", "Unit")]
public sealed class ConnectionSettingsTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("hive-home").FullName;

    public void Dispose() => Directory.Delete(_home, recursive: true);

    [Fact]
    public void Flags_beat_environment_which_beats_the_config_file_which_beats_defaults()
    {
        Directory.CreateDirectory(Path.Combine(_home, ".config", "hive"));
        File.WriteAllText(Path.Combine(_home, ".config", "hive", "config.json"),
            """{"gateways":["file-host:1"],"clusterId":"file-cluster","serviceId":"file-service","actor":"file-actor"}""");
        var env = new Dictionary<string, string> { ["HIVE_GATEWAY"] = "env-a:2, env-b:3", ["HIVE_CLUSTER_ID"] = "env-cluster" };

        var fromFile = Resolve([], new Dictionary<string, string>());
        var fromEnv = Resolve([], env);
        var fromFlags = Resolve(["--gateway", "flag:4", "--cluster-id", "flag-cluster", "--as", "flag-actor"], env);
        var defaults = Resolve(["--config", WriteConfig("{}")], new Dictionary<string, string>());

        Assert.Equal(["file-host:1"], fromFile.Gateways);
        Assert.Equal(("file-cluster", "file-service", "file-actor"), (fromFile.ClusterId, fromFile.ServiceId, fromFile.Actor));
        Assert.Equal(["env-a:2", "env-b:3"], fromEnv.Gateways);
        Assert.Equal(("env-cluster", "file-service"), (fromEnv.ClusterId, fromEnv.ServiceId));
        Assert.Equal(["flag:4"], fromFlags.Gateways);
        Assert.Equal(("flag-cluster", "flag-actor"), (fromFlags.ClusterId, fromFlags.Actor));
        Assert.Equal([HiveClientOptionsDefault], defaults.Gateways);
        Assert.Equal(("hive", "hive", "tester"), (defaults.ClusterId, defaults.ServiceId, defaults.Actor));
    }

    [Fact]
    public void A_missing_or_broken_config_file_named_by_flag_is_a_usage_error()
    {
        Assert.Throws<UsageException>(() => Resolve(["--config", Path.Combine(_home, "nope.json")], new Dictionary<string, string>()));
        Assert.Throws<UsageException>(() => Resolve(["--config", WriteConfig("{not json")], new Dictionary<string, string>()));
    }

    [Fact]
    public void The_credential_comes_from_the_flag_then_HIVE_TOKEN_then_the_config_file_then_a_development_silos_file()
    {
        Assert.Null(Resolve([], new Dictionary<string, string>()).Credential);
        var dev = Path.Combine(_home, DevCredentialsFile.DefaultPath);
        new DevCredentialsFile("dev-operator", "dev-swarm", DateTimeOffset.UtcNow.AddDays(1)).Write(dev);
        var fromDev = Resolve([], new Dictionary<string, string>()).Credential;
        var config = WriteConfig("""{"token":"file-token"}""");
        var fromFile = Resolve(["--config", config], new Dictionary<string, string>()).Credential;
        var env = new Dictionary<string, string> { ["HIVE_TOKEN"] = "env-token" };
        var fromEnv = Resolve(["--config", config], env).Credential;
        var fromFlag = Resolve(["--config", config, "--token", "flag-token"], env).Credential;

        Assert.Equal(new ConsoleCredential("dev-operator", $"the development credentials {dev}"), fromDev);
        Assert.Equal(new ConsoleCredential("file-token", $"the config file {config}"), fromFile);
        Assert.Equal(new ConsoleCredential("env-token", "HIVE_TOKEN"), fromEnv);
        Assert.Equal(new ConsoleCredential("flag-token", "--token"), fromFlag);
    }

    [Fact]
    public void Without_an_actor_named_the_console_acts_as_its_credential_allows()
    {
        var key = SigningKeyLoader.Parse("k", SigningAlgorithms.Hs256, SigningKeyLoader.NewSecret(), "test", [])!;
        string Token(PrincipalKind kind, string name) => HiveTokens.Issue(new TokenGrant(kind, name, TimeSpan.FromHours(1)), key, DateTimeOffset.UtcNow);
        var none = new Dictionary<string, string>();

        Assert.Equal("operator:alice", Resolve(["--token", Token(PrincipalKind.Operator, "alice")], none).Actor);
        Assert.Equal("agent-7", Resolve(["--token", Token(PrincipalKind.Agent, "agent-7")], none).Actor);
        Assert.Equal("tester", Resolve(["--token", Token(PrincipalKind.Service, "crew")], none).Actor);
        Assert.Equal("tester", Resolve(["--token", "not-a-token"], none).Actor);
        Assert.Equal("bob", Resolve(["--token", Token(PrincipalKind.Operator, "alice"), "--as", "bob"], none).Actor);
    }

    private const string HiveClientOptionsDefault = "127.0.0.1:30000";

    private string WriteConfig(string json)
    {
        var path = Path.Combine(_home, Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, json);
        return path;
    }

    private ConnectionSettings Resolve(string[] args, Dictionary<string, string> variables)
    {
        var env = new CliEnvironment
        {
            Out = ConsoleRun.Wide(), Error = ConsoleRun.Wide(), Variable = name => variables.GetValueOrDefault(name), HomeDirectory = _home, UserName = "tester",
            WorkingDirectory = _home,
        };
        var globals = new GlobalOptions();
        var root = new System.CommandLine.RootCommand();
        globals.AddTo(root);
        return ConnectionSettingsResolver.Resolve(root.Parse(args), globals, env);
    }
}
