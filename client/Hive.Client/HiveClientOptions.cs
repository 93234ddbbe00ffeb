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

    /// <summary>The gateways a static client dials: none in Redis mode, <see cref="DefaultGateway"/> when none are configured.</summary>
    internal IEnumerable<string> StaticGateways => UsesRedis ? [] : Gateways.Count == 0 ? [DefaultGateway] : Gateways;

    /// <summary>A gateway's host and port; null when it is not host:port.</summary>
    internal static (string Host, int Port)? SplitGateway(string gateway)
    {
        var colon = gateway.LastIndexOf(':');
        return colon > 0 && int.TryParse(gateway.AsSpan(colon + 1), out var port) && port is >= 1 and <= 65535 ? (gateway[..colon], port) : null;
    }

    /// <summary>
    /// Resolves <see cref="Gateways"/> (none in Redis mode) once <see cref="HiveClientOptionsValidator"/> has passed; throws
    /// naming every host that does not resolve.
    /// </summary>
    public IPEndPoint[] ResolveGateways()
    {
        var problems = new List<string>();
        var endpoints = new List<IPEndPoint>();
        foreach (var gateway in StaticGateways)
        {
            var (host, port) = SplitGateway(gateway) ?? throw new InvalidOperationException($"{Section}:Gateways entry '{gateway}' is not host:port; validate the options first.");
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
