using Hive.Console.Cli;

namespace Hive.Console.Connection;

/// <summary>Each setting comes from the first place that has it: flag, then environment, then config file, then default.</summary>
internal static class ConnectionSettingsResolver
{
    public const string GatewayVariable = "HIVE_GATEWAY";
    public const string ClusterIdVariable = "HIVE_CLUSTER_ID";
    public const string ServiceIdVariable = "HIVE_SERVICE_ID";
    public const string ActorVariable = "HIVE_ACTOR";

    public static ConnectionSettings Resolve(ParseResult parse, GlobalOptions globals, CliEnvironment env)
    {
        var configPath = parse.GetValue(globals.Config);
        var file = ConfigFile.Read(configPath ?? ConfigFile.DefaultPath(env.Variable, env.HomeDirectory), required: configPath is not null);
        var gateways = parse.GetValue(globals.Gateway) is { Length: > 0 } flags ? flags
            : env.Variable(GatewayVariable) is { Length: > 0 } list ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : file.Gateways is { Count: > 0 } fromFile ? [.. fromFile]
            : [HiveClientOptions.DefaultGateway];
        var settings = new ConnectionSettings(
            gateways,
            Pick(parse.GetValue(globals.ClusterId), env.Variable(ClusterIdVariable), file.ClusterId) ?? "hive",
            Pick(parse.GetValue(globals.ServiceId), env.Variable(ServiceIdVariable), file.ServiceId) ?? "hive",
            Pick(parse.GetValue(globals.Actor), env.Variable(ActorVariable), file.Actor) ?? DefaultActor(env));
        if (!HiveIds.IsValid(settings.Actor))
            throw new UsageException($"The actor '{settings.Actor}' is not a valid id; pass --as, or set {ActorVariable}.");
        return settings;
    }

    private static string? Pick(params string?[] candidates) => candidates.FirstOrDefault(c => !string.IsNullOrWhiteSpace(c));

    /// <summary>The operator's user name when it is a valid id, so audit events name a person by default.</summary>
    private static string DefaultActor(CliEnvironment env) =>
        env.UserName is { } user && HiveIds.IsValid(user) ? user : "hive-console";
}
