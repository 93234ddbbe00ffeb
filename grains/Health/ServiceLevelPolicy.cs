namespace Hive.Health;

/// <summary>
/// Pure rules for service levels: which level the signals indicate, and how the evaluated level moves —
/// down at once on a bad signal, up one level at a time after enough consecutive healthy evaluations.
/// </summary>
public static class ServiceLevelPolicy
{
    /// <summary>The worst level any signal indicates, with the signal that set it.</summary>
    public static (ServiceLevel Level, string Reason) Indicated(IEnumerable<SiloSignals> silos, double? unresponsiveShare, HealthOptions limits)
    {
        var worst = (Level: ServiceLevel.Full, Reason: "all signals healthy");
        void Consider(ServiceLevel level, string reason)
        {
            if (level > worst.Level) worst = (level, reason);
        }
        foreach (var s in silos)
        {
            if (s.StorageCircuitOpen) Consider(limits.StorageCircuitOpenLevel, $"storage circuit open on {s.Silo}");
            Consider(limits.CpuPercent.LevelFor(s.CpuPercent), $"CPU {s.CpuPercent:0}% on {s.Silo}");
            Consider(limits.MemoryPercent.LevelFor(s.MemoryPercent), $"memory {s.MemoryPercent:0}% on {s.Silo}");
            Consider(limits.FailedCallRate.LevelFor(s.FailedCallRate), $"{s.FailedCallRate:P0} of calls failing on {s.Silo}");
            Consider(limits.StorageLatencyMs.LevelFor(s.StorageLatencyMs), $"storage latency {s.StorageLatencyMs:0} ms on {s.Silo}");
        }
        Consider(limits.UnresponsiveAgentShare.LevelFor(unresponsiveShare), $"{unresponsiveShare:P0} of agents unresponsive");
        return worst;
    }

    /// <summary>The next evaluated level and healthy streak, given what the signals indicate now.</summary>
    public static (ServiceLevel Level, int HealthyStreak) Next(ServiceLevel current, ServiceLevel indicated, int healthyStreak, int recoveryEvaluations)
    {
        if (indicated > current) return (indicated, 0);
        if (indicated == current) return (current, 0);
        var streak = healthyStreak + 1;
        return streak >= recoveryEvaluations ? (current - 1, 0) : (current, streak);
    }
}
