using Hive.Console.Cli;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;

namespace Hive.Console.Connection;

/// <summary>
/// Starts an Orleans client for the settings, in a host of its own that closing the connection stops. The rest of
/// Hive.Client's options (TLS, the credential) come from the <c>Hive:Client</c> section of <paramref name="configuration"/>,
/// by default the environment: <c>Hive__Client__Tls__Enabled=true</c>, <c>Hive__Client__Tls__CaPath</c>, <c>Hive__Client__TokenFile</c>.
/// </summary>
internal sealed class OrleansConnector(ConnectionSettings settings, IConfiguration? configuration = null) : IHiveConnector
{
    private static readonly TimeSpan ConnectWithin = TimeSpan.FromSeconds(15);

    public async Task<HiveConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        try
        {
            var client = (configuration ?? new ConfigurationBuilder().AddEnvironmentVariables().Build()).GetSection(HiveClientOptions.Section);
            builder.Services.AddHiveClient(options =>
            {
                client.Bind(options);
                // Flags, HIVE_GATEWAY and the config file already decided the gateways, cluster and service.
                options.Gateways.Clear();
                foreach (var gateway in settings.Gateways) options.Gateways.Add(gateway);
                options.ClusterId = settings.ClusterId;
                options.ServiceId = settings.ServiceId;
                options.Token = settings.Credential?.Token ?? options.Token;
            });
        }
        catch (InvalidOperationException e)
        {
            throw new UsageException(e.Message, e);
        }
        builder.Services.AddSingleton<IClientConnectionRetryFilter>(new FewRetries());
        var host = builder.Build();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ConnectWithin);
        try
        {
            await host.StartAsync(timeout.Token);
        }
        catch (Exception e) when (Unreachable.IsConnectionFailure(e) || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            host.Dispose();
            var reason = e is OperationCanceledException ? $"no gateway answered within {ConnectWithin.TotalSeconds:0} s." : Unreachable.Reason(e);
            throw new HiveUnreachableException($"Cannot reach the hive at {settings.Describe()}: {reason}", e);
        }
        catch
        {
            host.Dispose();
            throw;
        }
        return new HiveConnection(host.Services.GetRequiredService<HiveClient>(), async () =>
        {
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await host.StopAsync(stopping.Token);
            }
            catch (Exception e) when (Unreachable.IsConnectionFailure(e) || e is OperationCanceledException)
            {
                // The hive went away while connected; there is nothing left to close politely.
            }
            host.Dispose();
        });
    }

    /// <summary>A console reports an unreachable hive in seconds: a couple of quick retries cover a silo that is just starting.</summary>
    private sealed class FewRetries : IClientConnectionRetryFilter
    {
        private int _attempts;

        public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
        {
            if (++_attempts > 4) return false;
            await Task.Delay(TimeSpan.FromMilliseconds(250 * _attempts), cancellationToken);
            return true;
        }
    }
}
