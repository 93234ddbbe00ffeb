namespace Hive.Console.Connection;

/// <summary>Opens a connection to the hive. The console's own connector starts an Orleans client; tests hand in a running one.</summary>
internal interface IHiveConnector
{
    /// <summary>A connected client, or <see cref="Cli.HiveUnreachableException"/> when no gateway answers.</summary>
    Task<HiveConnection> ConnectAsync(CancellationToken cancellationToken);
}
