using Hive.Console.Cli;
using Hive.Security;

namespace Hive.Console.Connection;

/// <summary>Each setting comes from the first place that has it: flag, then environment, then config file, then default.</summary>
internal static class ConnectionSettingsResolver
{
    public const string GatewayVariable = "HIVE_GATEWAY";
    public const string ClusterIdVariable = "HIVE_CLUSTER_ID";
    public const string ServiceIdVariable = "HIVE_SERVICE_ID";
    public const string ActorVariable = "HIVE_ACTOR";
    public const string TokenVariable = "HIVE_TOKEN";

    public static ConnectionSettings Resolve(ParseResult parse, GlobalOptions globals, CliEnvironment env)
    {
        var configPath = parse.GetValue(globals.Config) ?? ConfigFile.DefaultPath(env.Variable, env.HomeDirectory);
        var file = ConfigFile.Read(configPath, required: parse.GetValue(globals.Config) is not null);
        var gateways = parse.GetValue(globals.Gateway) is { Length: > 0 } flags ? flags
            : env.Variable(GatewayVariable) is { Length: > 0 } list ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : file.Gateways is { Count: > 0 } fromFile ? [.. fromFile]
            : [HiveClientOptions.DefaultGateway];
        var credential = Credential(parse.GetValue(globals.Token), env, file.Token, configPath);
        var settings = new ConnectionSettings(
            gateways,
            Pick(parse.GetValue(globals.ClusterId), env.Variable(ClusterIdVariable), file.ClusterId) ?? "hive",
            Pick(parse.GetValue(globals.ServiceId), env.Variable(ServiceIdVariable), file.ServiceId) ?? "hive",
            Pick(parse.GetValue(globals.Actor), env.Variable(ActorVariable), file.Actor) ?? CredentialActor(credential) ?? DefaultActor(env),
            credential);
        if (!HiveIds.IsValid(settings.Actor))
            throw new UsageException($"The actor '{settings.Actor}' is not a valid id; pass --as, or set {ActorVariable}.");
        return settings;
    }

    /// <summary>
    /// <c>--token</c>, else <c>HIVE_TOKEN</c>, else the config file's <c>token</c>, else the operator credential a
    /// development silo wrote in the working folder or one above it; null when there is none.
    /// </summary>
    private static ConsoleCredential? Credential(string? flag, CliEnvironment env, string? fromFile, string configPath)
    {
        if (!string.IsNullOrWhiteSpace(flag)) return new ConsoleCredential(flag.Trim(), "--token");
        if (env.Variable(TokenVariable) is { } variable && !string.IsNullOrWhiteSpace(variable)) return new ConsoleCredential(variable.Trim(), TokenVariable);
        if (!string.IsNullOrWhiteSpace(fromFile)) return new ConsoleCredential(fromFile.Trim(), $"the config file {configPath}");
        return DevCredentialsFile.Find(env.WorkingDirectory) is { } path && DevCredentialsFile.Read(path)?.Operator is { Length: > 0 } dev
            ? new ConsoleCredential(dev, $"the development credentials {path}")
            : null;
    }

    private static string? Pick(params string?[] candidates) => candidates.FirstOrDefault(c => !string.IsNullOrWhiteSpace(c));

    /// <summary>
    /// Who the credential in use may act as, so commands need no <c>--as</c>: an operator credential acts as
    /// <c>operator:&lt;name&gt;</c>, an agent's as that agent; null for a service (it acts for many) or an unreadable token.
    /// </summary>
    private static string? CredentialActor(ConsoleCredential? credential)
    {
        if (credential is null) return null;
        try
        {
            var principal = HiveTokens.ReadUnverified(credential.Token);
            return principal.Kind switch
            {
                PrincipalKind.Operator => "operator:" + principal.Name,
                PrincipalKind.Agent => principal.Name,
                _ => null,
            };
        }
        catch (HiveException)
        {
            return null;   // the hive will answer unauthenticated, naming the problem
        }
    }

    /// <summary>The operator's user name when it is a valid id, so audit events name a person by default.</summary>
    private static string DefaultActor(CliEnvironment env) =>
        env.UserName is { } user && HiveIds.IsValid(user) ? user : "hive-console";
}
