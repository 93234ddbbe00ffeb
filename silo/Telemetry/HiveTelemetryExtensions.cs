using Hive.Silo.Http;
using Npgsql;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orleans.Diagnostics;

namespace Hive.Silo.Telemetry;

/// <summary>
/// OpenTelemetry for the silo. Metrics always: meter <c>Hive</c>, Orleans' <c>Microsoft.Orleans</c>, the .NET runtime and
/// ASP.NET Core, served at <see cref="HiveEndpoints.Metrics"/> (and pushed over OTLP when switched on). Traces only with
/// OTLP: ASP.NET Core requests, Orleans' activity sources (client call → grain calls → grain storage), the <c>Hive</c>
/// source (append-store calls) and Npgsql's commands.
/// </summary>
public static class HiveTelemetryExtensions
{
    public const string ServiceName = "hive-silo";

    /// <summary>The meter Orleans' runtime instruments live on.</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    public static IHostApplicationBuilder AddHiveTelemetry(this IHostApplicationBuilder builder, HiveTelemetryOptions options, string instanceId)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName, serviceInstanceId: instanceId))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(HiveMetrics.MeterName, OrleansMeter)
                    .AddRuntimeInstrumentation()
                    .AddAspNetCoreInstrumentation()
                    .AddPrometheusExporter();
                if (options.ExportsOtlp) metrics.AddOtlpExporter(otlp => UseEndpoint(otlp, options));
            });
        if (options.ExportsOtlp)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(HiveTracing.SourceName, ActivitySources.AllActivitySourceName)
                // Probes and scrapes arrive every few seconds from every kubelet and Prometheus: traces of them are noise.
                .AddAspNetCoreInstrumentation(asp => asp.Filter = http => !IsMachinery(http.Request.Path))
                .AddNpgsql()
                .AddOtlpExporter(otlp => UseEndpoint(otlp, options)));
        }
        return builder;
    }

    private static bool IsMachinery(PathString path) =>
        path.StartsWithSegments(HiveEndpoints.Health) || path.StartsWithSegments(HiveEndpoints.Metrics);

    /// <summary>Hive's setting wins; without it the exporter reads OTEL_EXPORTER_OTLP_ENDPOINT (and _PROTOCOL, _HEADERS) itself.</summary>
    private static void UseEndpoint(OtlpExporterOptions otlp, HiveTelemetryOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.OtlpEndpoint)) otlp.Endpoint = new Uri(options.OtlpEndpoint);
    }
}
