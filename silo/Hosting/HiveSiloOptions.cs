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
}
