namespace Hive.Console.Connection;

/// <summary>
/// Where the console connects, who it names in the audit and the credential it proves that with, after flags,
/// environment and config file were weighed. No credential means none was found: only an open hive accepts the calls.
/// </summary>
internal sealed record ConnectionSettings(IReadOnlyList<string> Gateways, string ClusterId, string ServiceId, string Actor, ConsoleCredential? Credential = null)
{
    public string Describe() => $"{string.Join(", ", Gateways)} (cluster '{ClusterId}', service '{ServiceId}')";
}
