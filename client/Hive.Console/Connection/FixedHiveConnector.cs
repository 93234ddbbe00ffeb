namespace Hive.Console.Connection;

/// <summary>Hands out a client someone else connected and owns (the in-process test cluster's); closing it does nothing.</summary>
internal sealed class FixedHiveConnector(HiveClient hive) : IHiveConnector
{
    public Task<HiveConnection> ConnectAsync(CancellationToken cancellationToken) => Task.FromResult(new HiveConnection(hive));
}
