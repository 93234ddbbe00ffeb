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
        silo.ConfigureEndpoints(address, options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: !IPAddress.IsLoopback(address));
        silo.Configure<ClusterMembershipOptions>(MembershipTuning.Apply);
        return silo;
    }
}
