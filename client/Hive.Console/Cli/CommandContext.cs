using Hive.Console.Connection;
using Hive.Console.Output;
using Hive.Security;

namespace Hive.Console.Cli;

/// <summary>One command's run: its parsed values, its output, who acts, and a connection opened only when needed.</summary>
internal sealed class CommandContext(ParseResult parse, CliEnvironment env, Lazy<ConnectionSettings> settings) : IAsyncDisposable
{
    private HiveConnection? _connection;

    public ParseResult Parse { get; } = parse;
    public CliEnvironment Environment { get; } = env;
    public Terminal Out { get; } = new(env.Out);
    public ConnectionSettings Settings => settings.Value;
    public string Actor => Settings.Actor;

    /// <summary>
    /// The actor for the health switch (level pin, halt, resume), which lets operators act as <c>operator:&lt;name&gt;</c>:
    /// whoever runs the console is an operator, so the plain actor gets the prefix unless it already has it.
    /// </summary>
    public string Operator => Actor.StartsWith(Principal.OperatorPrefix, StringComparison.Ordinal) ? Actor : Principal.OperatorPrefix + Actor;

    /// <summary>The credential in use; <c>unauthenticated</c> when the console found none anywhere it looks.</summary>
    public ConsoleCredential Credential => Settings.Credential ?? throw HiveTokens.Unauthenticated(
        "the console has no credential (pass --token, set HIVE_TOKEN or the config file's token, or run a development silo in this folder)");

    public T? Get<T>(Option<T> option) => Parse.GetValue(option);

    public T? Get<T>(Argument<T> argument) => Parse.GetValue(argument);

    /// <summary>A required value the parser already enforced; never null at run time.</summary>
    public T Required<T>(Argument<T> argument) => Parse.GetValue(argument) ?? throw new UsageException($"{argument.Name} is required.");

    public async Task<HiveClient> HiveAsync(CancellationToken cancellationToken)
    {
        _connection ??= await Environment.Connector(Settings).ConnectAsync(cancellationToken);
        return _connection.Hive;
    }

    public IHiveConnector Connector() => Environment.Connector(Settings);

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null) await _connection.DisposeAsync();
    }
}
