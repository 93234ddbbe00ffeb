using System.Text;

namespace Hive.Tests.Kubernetes;

internal enum InstrumentKind
{
    Counter,
    Gauge,
    Histogram,
}

/// <summary>One instrument, as the code creates it (meter "Hive" or "Microsoft.Orleans").</summary>
internal sealed record Instrument(string Name, InstrumentKind Kind, string? Unit, params string[] Tags)
{
    /// <summary>
    /// The series name OpenTelemetry's Prometheus exporter gives it: every run of characters other than letters, digits
    /// and ':' becomes one '_'; the unit is appended in words ("s" → seconds, "ms" → milliseconds; "{…}" annotations
    /// and "1" add nothing); counters end in _total.
    /// </summary>
    public string PrometheusName
    {
        get
        {
            var name = new StringBuilder();
            foreach (var c in Name)
            {
                if (char.IsLetterOrDigit(c) || c == ':') name.Append(c);
                else if (name.Length == 0 || name[^1] != '_') name.Append('_');
            }
            var unit = Unit switch
            {
                null or "" or "1" => "",
                "s" => "seconds",
                "ms" => "milliseconds",
                "By" => "bytes",
                { } u when u.StartsWith('{') => "",
                { } u => u,
            };
            var result = name.ToString();
            if (unit.Length > 0 && !result.Contains(unit, StringComparison.Ordinal)) result += "_" + unit;
            if (Kind == InstrumentKind.Counter && !result.Contains("total", StringComparison.Ordinal)) result += "_total";
            return result;
        }
    }

    /// <summary>The series a query may name: histograms expose _bucket, _sum and _count.</summary>
    public IEnumerable<string> Series => Kind == InstrumentKind.Histogram
        ? [PrometheusName + "_bucket", PrometheusName + "_sum", PrometheusName + "_count"]
        : [PrometheusName];
}

/// <summary>
/// The instruments the dashboard (k8s/grafana-dashboard.json) reads. The Hive ones are the contract for the telemetry
/// implementer (also listed in k8s/README.md); the Orleans ones are what Microsoft.Orleans 10.4.2 emits.
/// </summary>
internal static class DashboardMetrics
{
    public static readonly Instrument[] Hive =
    [
        new("hive.agents", InstrumentKind.Gauge, null, "status"),
        new("hive.tasks", InstrumentKind.Gauge, null, "status"),
        new("hive.tasks.transitions", InstrumentKind.Counter, null, "from", "to"),
        new("hive.tasks.duration", InstrumentKind.Histogram, "s"),
        new("hive.messages.sent", InstrumentKind.Counter, null),
        new("hive.messages.acked", InstrumentKind.Counter, null),
        new("hive.memory.writes", InstrumentKind.Counter, null),
        new("hive.escalations", InstrumentKind.Gauge, null, "status"),
        new("hive.service_level", InstrumentKind.Gauge, null),
        new("hive.halted", InstrumentKind.Gauge, null),
        new("hive.rate_limit.rejections", InstrumentKind.Counter, null, "kind"),
        new("hive.storage.latency", InstrumentKind.Histogram, "ms"),
        new("hive.storage.circuit_open", InstrumentKind.Gauge, null),
    ];

    public static readonly Instrument[] Orleans =
    [
        new("orleans-catalog-activations", InstrumentKind.Gauge, null, "grain_type"),
        new("orleans-app-requests-latency", InstrumentKind.Histogram, "ms"),
    ];

    /// <summary>Labels every scraped series has or a histogram adds, beyond the instrument's own tags.</summary>
    public static readonly string[] ScrapeLabels = ["instance", "job", "le", "namespace", "pod"];
}
