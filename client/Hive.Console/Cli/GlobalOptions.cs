namespace Hive.Console.Cli;

/// <summary>Options every command takes: how to reach the hive, who acts and the credential that proves it.</summary>
internal sealed class GlobalOptions
{
    public Option<string[]> Gateway { get; } = new("--gateway")
    {
        Description = "Gateway host:port (repeat for several). Else HIVE_GATEWAY (comma-separated), the config file, or 127.0.0.1:30000.",
        Recursive = true,
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<string?> ClusterId { get; } = new("--cluster-id")
    {
        Description = "Cluster id. Else HIVE_CLUSTER_ID, the config file, or 'hive'.",
        Recursive = true,
    };

    public Option<string?> ServiceId { get; } = new("--service-id")
    {
        Description = "Service id. Else HIVE_SERVICE_ID, the config file, or 'hive'.",
        Recursive = true,
    };

    public Option<string?> Config { get; } = new("--config")
    {
        Description = "Config file (JSON: gateways, clusterId, serviceId, actor, token). Default ~/.config/hive/config.json.",
        Recursive = true,
    };

    /// <summary>Named <c>--as</c> so that <c>hive audit --actor</c> stays free to filter by actor.</summary>
    public Option<string?> Actor { get; } = new("--as")
    {
        Description = "Who the audit trail names for your actions (an id). Else HIVE_ACTOR, the config file, or your user name.",
        Recursive = true,
    };

    public Option<string?> Token { get; } = new("--token")
    {
        Description = "The credential to send (a JWT). Else HIVE_TOKEN, the config file, or a development silo's .hive/dev-credentials.json.",
        Recursive = true,
    };

    public void AddTo(Command root)
    {
        ArgumentNullException.ThrowIfNull(root);
        root.Options.Add(Gateway);
        root.Options.Add(ClusterId);
        root.Options.Add(ServiceId);
        root.Options.Add(Config);
        root.Options.Add(Actor);
        root.Options.Add(Token);
    }
}
