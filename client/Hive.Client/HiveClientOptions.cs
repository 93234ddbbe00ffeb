using System.Net;
using System.Net.Sockets;
using Hive.Client.Tls;

namespace Hive.Client;

/// <summary>How a service reaches the hive. Bound from configuration section <c>Hive:Client</c>.</summary>
public sealed class HiveClientOptions
{
    public const string Section = "Hive:Client";

    /// <summary>Where the single-process hive listens; used when <see cref="Gateways"/> is empty.</summary>
    public const string DefaultGateway = "127.0.0.1:30000";

    /// <summary>Gateway addresses as <c>host:port</c>. Empty means <see cref="DefaultGateway"/>; configuration replaces it rather than adding to it.</summary>
    public IList<string> Gateways { get; } = [];

    /// <summary>
    /// A Redis configuration string (for example <c>127.0.0.1:6379</c>). When set, the client lists the
    /// cluster's live gateways from the silos' Redis membership table and <see cref="Gateways"/> is not used.
    /// </summary>
    public string? RedisConnectionString { get; set; }

    public bool UsesRedis => !string.IsNullOrWhiteSpace(RedisConnectionString);

    public string ClusterId { get; set; } = "hive";

    /// <summary>Who this client is to the hive's rate limits; defaults to the host name and process id.</summary>
    public string CallerId { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>The credential (a JWT the hive's operator issued) sent with every call; see docs/security.md.</summary>
    public string? Token { get; set; }

    /// <summary>A file holding the credential, re-read when it changes (a mounted Secret); used when <see cref="Token"/> is not set.</summary>
    public string? TokenFile { get; set; }

    /// <summary>
    /// With neither set, which token of a development silo's <c>.hive/dev-credentials.json</c> to use: <c>operator</c>
    /// (every scope, the default) or <c>swarm</c> (the demo swarm's service credential).
    /// </summary>
    public string DevCredential { get; set; } = "operator";

    /// <summary>Retries and the circuit breaker; see <see cref="HiveResilienceOptions"/>.</summary>
    public HiveResilienceOptions Resilience { get; } = new();

    /// <summary>TLS to the gateways; see <see cref="HiveClientTlsOptions"/>. A hive with <c>Hive:Tls:Enabled</c> needs it.</summary>
    public HiveClientTlsOptions Tls { get; } = new();

    public string ServiceId { get; set; } = "hive";

    /// <summary>Resolves <see cref="Gateways"/> (none in Redis mode); throws with one line per bad setting.</summary>
    public IPEndPoint[] ResolveGateways()
    {
        var problems = new List<string>();
        var endpoints = new List<IPEndPoint>();
        if (!HiveIds.IsValid(ClusterId)) problems.Add($"{Section}:ClusterId '{ClusterId}' is not a valid id.");
        if (!HiveIds.IsValid(CallerId)) problems.Add($"{Section}:CallerId '{CallerId}' is not a valid id.");
        if (!HiveIds.IsValid(ServiceId)) problems.Add($"{Section}:ServiceId '{ServiceId}' is not a valid id.");
        IEnumerable<string> gateways = UsesRedis ? [] : Gateways.Count == 0 ? [DefaultGateway] : Gateways;
        foreach (var gateway in gateways)
        {
            var colon = gateway.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(gateway.AsSpan(colon + 1), out var port) || port is < 1 or > 65535)
            {
                problems.Add($"{Section}:Gateways entry '{gateway}' must be host:port, for example 127.0.0.1:30000.");
                continue;
            }
            var host = gateway[..colon];
            var address = IPAddress.TryParse(host, out var ip) ? ip : Resolve(host, problems);
            if (address is not null) endpoints.Add(new IPEndPoint(address, port));
        }
        if (problems.Count > 0) throw new InvalidOperationException("Hive client configuration: " + string.Join(" ", problems));
        return endpoints.ToArray();
    }

    private static IPAddress? Resolve(string host, List<string> problems)
    {
        try
        {
            return Dns.GetHostAddresses(host).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
                ?? Dns.GetHostAddresses(host).First();
        }
        catch (SocketException e)
        {
            problems.Add($"Gateway host '{host}' does not resolve: {e.Message}.");
            return null;
        }
    }
}
