namespace Hive.Silo.Telemetry;

/// <summary>Where traces and metrics go besides <c>/metrics</c>. Bound from <c>Hive:Telemetry</c>.</summary>
public sealed class HiveTelemetryOptions
{
    public const string Section = "Hive:Telemetry";

    /// <summary>OpenTelemetry's own switch, read when <see cref="OtlpEndpoint"/> is not configured.</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// An OTLP collector (gRPC, e.g. <c>http://otel-collector:4317</c>). Setting it, or the standard
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, switches the OTLP exporter on for traces and metrics; unset, the silo
    /// records no traces at all and serves metrics only at <c>/metrics</c>.
    /// </summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>True when either setting names a collector.</summary>
    public bool ExportsOtlp =>
        !string.IsNullOrWhiteSpace(OtlpEndpoint) || !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(OtlpEndpointVariable));
}
