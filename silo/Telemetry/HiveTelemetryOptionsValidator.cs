namespace Hive.Silo.Telemetry;

/// <summary>A collector endpoint must be an http(s) URL: the OTLP exporter would otherwise fail on its first export, long after start.</summary>
public sealed class HiveTelemetryOptionsValidator : IValidateOptions<HiveTelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, HiveTelemetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrWhiteSpace(options.OtlpEndpoint)
            || Uri.TryCreate(options.OtlpEndpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{HiveTelemetryOptions.Section}:OtlpEndpoint '{options.OtlpEndpoint}' must be an http:// or https:// URL, for example http://otel-collector:4317.");
    }
}
