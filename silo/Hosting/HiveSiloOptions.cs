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
    /// Redis mode: the port the silo listens on for its peers when that is not <see cref="SiloPort"/>, the port it
    /// advertises (a proxy or a NAT in between forwards <see cref="SiloPort"/> here). Unset: it listens on
    /// <see cref="SiloPort"/>. The partition drill puts a proxy it can black-hole in front of each silo this way.
    /// </summary>
    public int? SiloListeningPort { get; set; }

    /// <summary>
    /// The address other silos and clients reach this silo at, in Redis mode (127.0.0.1 on one machine, the
    /// pod IP in Kubernetes). The silo listens on it, or on every interface when it is not a loopback address.
    /// </summary>
    public string AdvertisedIP { get; set; } = "127.0.0.1";

    public IPAddress AdvertisedAddress => IPAddress.Parse(AdvertisedIP);

    /// <summary>Orleans' name for this silo (the pod name in Kubernetes); Orleans picks one when unset or empty.</summary>
    public string? SiloName { get; set; }

    /// <summary>
    /// How long a graceful stop may take (the host's shutdown timeout): the HTTP drain, deactivating grains, leaving
    /// membership. Kubernetes' terminationGracePeriodSeconds must exceed it plus the preStop delay.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Every problem with these settings, each phrased as the fix; empty when they are fine.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!HiveIds.IsValid(ClusterId)) problems.Add($"{Section}:ClusterId '{ClusterId}' must be a valid id (letters, digits, '.', '_', '-', ':').");
        if (!HiveIds.IsValid(ServiceId)) problems.Add($"{Section}:ServiceId '{ServiceId}' must be a valid id (letters, digits, '.', '_', '-', ':').");
        if (SiloPort is < 1 or > 65535) problems.Add($"{Section}:SiloPort must be 1–65535; got {SiloPort}.");
        if (GatewayPort is < 1 or > 65535) problems.Add($"{Section}:GatewayPort must be 1–65535; got {GatewayPort}.");
        if (SiloListeningPort is < 1 or > 65535) problems.Add($"{Section}:SiloListeningPort must be 1–65535 or unset; got {SiloListeningPort}.");
        if (SiloListeningPort == GatewayPort) problems.Add($"{Section}:SiloListeningPort and GatewayPort must differ; both are {GatewayPort}.");
        if (!IPAddress.TryParse(AdvertisedIP, out _)) problems.Add($"{Section}:AdvertisedIP '{AdvertisedIP}' must be an IP address, for example 127.0.0.1 or the pod IP.");
        if (!string.IsNullOrEmpty(SiloName) && (SiloName.Length > 253 || SiloName.Any(char.IsWhiteSpace)))
            problems.Add($"{Section}:SiloName must be at most 253 characters without spaces, for example the pod name.");
        if (ShutdownTimeout < TimeSpan.FromSeconds(1) || ShutdownTimeout > TimeSpan.FromMinutes(10))
            problems.Add($"{Section}:ShutdownTimeout must be 00:00:01–00:10:00; got {ShutdownTimeout}.");
        if (SiloPort == GatewayPort) problems.Add($"{Section}:SiloPort and GatewayPort must differ; both are {SiloPort}.");
        return problems;
    }
}
