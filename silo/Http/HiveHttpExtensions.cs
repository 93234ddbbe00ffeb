using System.Text.Json;
using System.Text.Json.Serialization;
using Hive.Client.Tls;
using Hive.Silo.Hosting;
using Hive.Silo.Http.Checks;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Hive.Silo.Http;

/// <summary>The silo's HTTP side: Kestrel on <c>Hive:Http:Urls</c>, the probes, detailed health and <c>/metrics</c>.</summary>
public static class HiveHttpExtensions
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = true,
    };

    /// <summary>Registers the server and the health checks; which dependency checks exist follows the storage and clustering modes.</summary>
    public static WebApplicationBuilder AddHiveHttp(this WebApplicationBuilder builder, HostSettings settings)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        builder.WebHost.UseUrls([.. settings.Http.UrlList]);
        // Unauthenticated callers learn a status word and nothing else, not even the server's name.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        if (settings.Http.UsesHttps && settings.Http.HttpsCertificate(settings.Tls) is { } files)
        {
            var certificate = TlsFiles.LoadCertificate(files.Path, files.KeyPath, files.Password);
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = certificate));
        }
        var services = builder.Services;
        services.AddSingleton(settings.Http);
        services.AddSingleton<AdminTokenGate>();
        services.AddSingleton<HealthDetailBuilder>();
        services.AddHostedService<ShutdownDrain>();
        services.TryAddSingleton(TimeProvider.System);

        var checks = services.AddHealthChecks();
        Add<ProcessCheck>(checks, "process", HealthTags.Live);
        Add<StartedCheck>(checks, "startup", HealthTags.Startup);
        Add<NotStoppingCheck>(checks, "shutdown", HealthTags.Ready);
        Add<SiloActiveCheck>(checks, "silo", HealthTags.Ready);
        if (settings.Postgres is not null)
        {
            Add<PostgresCheck>(checks, "postgres", HealthTags.Ready);
            Add<StorageCircuitCheck>(checks, "storage-circuit", HealthTags.Ready);
        }
        if (settings.Redis is { } redis)
        {
            services.AddSingleton(redis);
            Add<RedisCheck>(checks, "redis", HealthTags.Ready);
        }
        return builder;
    }

    /// <summary>Maps the endpoints of <see cref="HiveEndpoints"/>.</summary>
    public static WebApplication MapHiveEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks(HiveEndpoints.Live, Probe(HealthTags.Live));
        app.MapHealthChecks(HiveEndpoints.Ready, Probe(HealthTags.Ready));
        app.MapHealthChecks(HiveEndpoints.Startup, Probe(HealthTags.Startup));
        app.MapGet(HiveEndpoints.Health, DetailedHealthAsync);
        app.MapPrometheusScrapingEndpoint(HiveEndpoints.Metrics);
        return app;
    }

    /// <summary>A probe answers with the status word only (the default writer) and never lets a proxy cache it.</summary>
    private static HealthCheckOptions Probe(string tag) => new()
    {
        Predicate = registration => registration.Tags.Contains(tag),
        AllowCachingResponses = false,
    };

    private static async Task<IResult> DetailedHealthAsync(HttpContext http, AdminTokenGate gate, HealthDetailBuilder detail)
    {
        http.Response.Headers.CacheControl = "no-store";
        if (!await gate.AllowsAsync(http.Request))
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return Results.Unauthorized();
        }
        var report = await detail.BuildAsync(http.RequestAborted);
        return Results.Json(report, Json, statusCode: HealthDetailBuilder.StatusCode(report.Status));
    }

    // Checks are singletons: the cached probes keep their last answer between requests.
    private static void Add<T>(IHealthChecksBuilder checks, string name, string tag) where T : class, IHealthCheck
    {
        checks.Services.TryAddSingleton<T>();
        checks.Add(new HealthCheckRegistration(name, sp => sp.GetRequiredService<T>(), failureStatus: null, tags: [tag]));
    }
}
