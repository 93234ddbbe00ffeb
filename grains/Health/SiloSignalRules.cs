namespace Hive.Health;

/// <summary>What a silo's report must hold before the health grain keeps it: a silo name and measurements that are numbers.</summary>
internal static class SiloSignalRules
{
    /// <summary>Silo names are silo addresses (<c>host:port@generation</c>); this is room for any of them.</summary>
    public const int MaxSiloLength = 256;

    public static SiloSignals Validate(SiloSignals? signals)
    {
        if (signals is null) throw HiveException.Validation("A silo report is required.");
        HiveText.Require(signals.Silo, "The reporting silo", MaxSiloLength);
        RequireMeasure(signals.CpuPercent, "CPU percent");
        RequireMeasure(signals.MemoryPercent, "Memory percent");
        RequireMeasure(signals.FailedCallRate, "Failed call rate");
        RequireMeasure(signals.StorageLatencyMs, "Storage latency");
        return signals;
    }

    private static void RequireMeasure(double? value, string field)
    {
        if (value is { } v && (!double.IsFinite(v) || v < 0))
            throw HiveException.Validation($"{field} must be a number, zero or more; got {v}.");
    }
}
