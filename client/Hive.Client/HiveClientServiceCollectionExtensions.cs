using Hive.Client;
using Hive.Client.Tls;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>One call adds Hive to a generic host: the Orleans client and the <see cref="HiveClient"/> facade.</summary>
public static class HiveClientServiceCollectionExtensions
{
    /// <summary>Adds Hive with options from the <c>Hive:Client</c> configuration section.</summary>
    public static IServiceCollection AddHiveClient(this IServiceCollection services, IConfiguration configuration) =>
        services.AddHiveClient(options => configuration.GetSection(HiveClientOptions.Section).Bind(options));

    /// <summary>Adds Hive with options set in code.</summary>
    public static IServiceCollection AddHiveClient(this IServiceCollection services, Action<HiveClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var options = new HiveClientOptions();
        configure(options);
        var valid = new HiveClientOptionsValidator().Validate(null, options);
        if (valid.Failed) throw new InvalidOperationException("Hive client configuration: " + string.Join(" ", valid.Failures));
        var gateways = options.ResolveGateways();
        services.AddOrleansClient(client =>
        {
            if (options.UsesRedis)
            {
                client.UseRedisClustering(options.RedisConnectionString!);
                // A silo that joins is offered to the client within this period; a dead one is dropped at once.
                client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(10));
            }
            else
            {
                client.UseStaticClustering(gateways);
            }
            client.Configure<ClusterOptions>(cluster =>
            {
                cluster.ClusterId = options.ClusterId;
                cluster.ServiceId = options.ServiceId;
            });
            // The service's current trace travels with each call, so its spans and the silos' join into one trace.
            client.AddActivityPropagation();
            if (options.Tls.Enabled) client.UseHiveTls(options.Tls);
        });
        services.AddSingleton(new HiveCalls(options.CallerId, options.Resilience, HiveCredential.From(options)));
        services.AddSingleton<HiveClient>();
        return services;
    }
}
