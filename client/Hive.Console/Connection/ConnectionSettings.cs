namespace Hive.Console.Connection;

/// <summary>Where the console connects and who it acts as, after flags, environment and config file were weighed.</summary>
internal sealed record ConnectionSettings(IReadOnlyList<string> Gateways, string ClusterId, string ServiceId, string Actor)
{
    public string Describe() => $"{string.Join(", ", Gateways)} (cluster '{ClusterId}', service '{ServiceId}')";
}
