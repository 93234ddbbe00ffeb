using Hive.Silo.Http;
using Hive.Silo.Storage;
using Hive.Silo.Telemetry;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Npgsql;
using Orleans.Configuration;

namespace Hive.Silo.Hosting;

/// <summary>
/// The silo from the command line to shutdown: reads and checks the settings, reaches PostgreSQL and Redis, starts
/// Orleans and the HTTP endpoints, and says what it runs. A host built on the silo (the demo) adds a companion.
/// </summary>
public static class HiveSilo
{
    /// <summary>Runs the silo until it is stopped; returns the process exit code (2 for a configuration error).</summary>
    public static async Task<int> RunAsync(string[] args, ISiloCompanion? companion = null)
    {
        var migrate = args.FirstOrDefault() == MigrateCommand.Name;
        // appsettings.json ships beside the executable: read it from there, whatever directory the silo starts in.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args.Where(a => a != MigrateCommand.Name && companion?.Flags.Contains(a) != true).ToArray(),
            ContentRootPath = AppContext.BaseDirectory,
        });
        HostSettings settings;
        try
        {
            settings = HostSettings.Read(builder.Configuration, needPostgres: migrate);
        }
        catch (OptionsValidationException e)
        {
            return StartupValidation.Report(e, Console.Error);
        }

        using var loggers = LoggerFactory.Create(l => l.AddConfiguration(builder.Configuration.GetSection("Logging")).AddSimpleConsole(o => o.SingleLine = true));
        if (migrate) return await MigrateCommand.RunAsync(settings.Postgres!, settings.Silo.ServiceId, loggers);

        // Reach every dependency before Orleans starts, so a wrong setting costs one line, not a stack trace.
        NpgsqlDataSource? dataSource = null;
        MigrationReport? schema = null;
        SecuritySetup security;
        try
        {
            // Authentication first: a silo that may not run must not migrate the database on its way out.
            security = SecuritySetup.Apply(builder.Configuration, builder.Configuration, settings);
            // Redis first: a silo that cannot join must not migrate the database on its way out.
            if (settings.Redis is { } redis) await RedisPreflight.CheckAsync(redis, $"{HiveClusteringOptions.RedisSetting} (or {HiveClusteringOptions.RedisVariable})");
            if (settings.Postgres is { } postgres) (dataSource, schema) = await DurableStorage.OpenAsync(postgres, settings.Silo.ServiceId, loggers);
        }
        catch (StartupException e)
        {
            Console.Error.WriteLine($"hive: {e.Message}");
            if (dataSource is not null) await dataSource.DisposeAsync();
            return 2;
        }
        await using var ownedDataSource = dataSource;

        builder.Services.AddSingleton(security);
        var silo = settings.Silo;
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = silo.ShutdownTimeout);
        builder.UseOrleans(orleans =>
        {
            if (settings.Redis is { } redis) orleans.UseHiveRedisClustering(redis, silo);
            else orleans.UseLocalhostClustering(silo.SiloPort, silo.GatewayPort, null, silo.ServiceId, silo.ClusterId);
            if (!string.IsNullOrEmpty(silo.SiloName)) orleans.Configure<SiloOptions>(o => o.SiloName = silo.SiloName);
            if (settings.Tls.Enabled) orleans.UseHiveTls(settings.Tls);
            if (dataSource is not null) orleans.AddHivePostgres(dataSource, builder.Configuration);
            orleans.AddHive(builder.Configuration);
        });

        builder.AddHiveHttp(settings);
        builder.AddHiveTelemetry(settings.Telemetry, string.IsNullOrEmpty(silo.SiloName) ? $"{Environment.MachineName}:{silo.SiloPort}" : silo.SiloName);

        await using var host = builder.Build();
        host.MapHiveEndpoints();
        try
        {
            // Validate every option before starting, so a bad setting prints one line instead of the host's stack trace.
            StartupValidation.Validate(host.Services);
            await host.StartAsync();
        }
        catch (OptionsValidationException e)
        {
            return StartupValidation.Report(e, Console.Error);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A port already taken, a dependency lost since the checks above: the host has logged the details.
            Console.Error.WriteLine($"hive: the silo could not start: {e.Message.Split('\n', 2)[0].Trim()}");
            return 1;
        }

        // Written before the silo says it is running, so whoever waits for that line finds the credentials in place.
        (string Path, string Operator, string? Swarm)? dev = security.Warning is null && security.IsDevelopment ? security.WriteDevCredentials(companion?.ServiceRoles) : null;
        var address = settings.Redis is null ? "127.0.0.1" : silo.AdvertisedIP;
        Console.WriteLine($"Hive is running: cluster '{silo.ClusterId}', silo {address}:{silo.SiloPort}, gateway {address}:{silo.GatewayPort}.");
        Console.WriteLine(settings.Postgres is { } pg
            ? $"Storage: PostgreSQL {pg.Display}, schema version {schema!.SchemaVersion}. State is durable."
            : "Storage: in-memory. State is NOT durable in this mode: it is gone when this process stops.");
        if (settings.Redis is { } membership) Console.WriteLine($"Membership: Redis {membership.Display}.");
        if (security.Warning is { } insecure) Console.WriteLine($"WARNING: {insecure}");
        else if (dev is { } written)
        {
            var whose = companion is null ? "an operator credential is" : "an operator credential and the demo swarm's are";
            Console.WriteLine($"Security: development key; {whose} in {written.Path} (git-ignored). The console and Hive.Client read it from there.");
        }
        else Console.WriteLine("Security: callers are authenticated with the configured signing keys.");
        var listening = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        Console.WriteLine($"HTTP: {string.Join(", ", listening)} ({HiveEndpoints.Live}, {HiveEndpoints.Ready}, {HiveEndpoints.Startup}, {HiveEndpoints.Metrics}; {HiveEndpoints.Health} with the admin token or an operator credential holding read).");
        if (companion is not null && await companion.RunAsync(host, dev?.Swarm) is { } exitCode)
        {
            await host.StopAsync();
            return exitCode;
        }
        Console.WriteLine("Press Ctrl+C to stop.");
        await host.WaitForShutdownAsync();
        return 0;
    }
}
