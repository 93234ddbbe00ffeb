using System.Net;

namespace Hive.Silo.Hosting;

/// <summary>Where this silo listens and which cluster it joins. Bound from <c>Hive:Silo</c>.</summary>
public sealed class HiveSiloOptions
{
    public const string Section = "Hive:Silo";

    public string ClusterId { get; set; } = "hive";
    public string ServiceId { get; set; } = "hive";
    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// The address other silos and clients reach this silo at, in Redis mode (127.0.0.1 on one machine, the
    /// pod IP in Kubernetes). The silo listens on it, or on every interface when it is not a loopback address.
    /// </summary>
    public string AdvertisedIP { get; set; } = "127.0.0.1";

    public IPAddress AdvertisedAddress => IPAddress.Parse(AdvertisedIP);

    /// <summary>Every problem with these settings, each phrased as the fix; empty when they are fine.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!HiveIds.IsValid(ClusterId)) problems.Add($"{Section}:ClusterId '{ClusterId}' must be a valid id (letters, digits, '.', '_', '-', ':').");
        if (!HiveIds.IsValid(ServiceId)) problems.Add($"{Section}:ServiceId '{ServiceId}' must be a valid id (letters, digits, '.', '_', '-', ':').");
        if (SiloPort is < 1 or > 65535) problems.Add($"{Section}:SiloPort must be 1–65535; got {SiloPort}.");
        if (GatewayPort is < 1 or > 65535) problems.Add($"{Section}:GatewayPort must be 1–65535; got {GatewayPort}.");
        if (!IPAddress.TryParse(AdvertisedIP, out _)) problems.Add($"{Section}:AdvertisedIP '{AdvertisedIP}' must be an IP address, for example 127.0.0.1 or the pod IP.");
        if (SiloPort == GatewayPort) problems.Add($"{Section}:SiloPort and GatewayPort must differ; both are {SiloPort}.");
        return problems;
    }
}
