using System.Net;
using Hive.Silo.Storage;
using Orleans.Configuration;

namespace Hive.Silo.Hosting;

/// <summary>Cluster mode: silos meet through a Redis membership table and advertise a reachable address.</summary>
public static class RedisSiloBuilderExtensions
{
    public static ISiloBuilder UseHiveRedisClustering(this ISiloBuilder silo, RedisTarget redis, HiveSiloOptions options)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentNullException.ThrowIfNull(options);
        silo.UseRedisClustering(redis.ConnectionString);
        silo.Configure<ClusterOptions>(cluster =>
        {
            cluster.ClusterId = options.ClusterId;
            cluster.ServiceId = options.ServiceId;
        });
        var address = options.AdvertisedAddress;
        // On one machine the silo listens on loopback only; a pod listens on every interface of its pod IP's host.
        var listenOnAny = !IPAddress.IsLoopback(address);
        silo.ConfigureEndpoints(address, options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: listenOnAny);
        // Peers dial the advertised SiloPort; something in between forwards it to the port the silo listens on.
        if (options.SiloListeningPort is { } listening)
            silo.Configure<EndpointOptions>(o => o.SiloListeningEndpoint = new IPEndPoint(listenOnAny ? IPAddress.Any : address, listening));
        silo.Configure<ClusterMembershipOptions>(MembershipTuning.Apply);
        return silo;
    }
}
