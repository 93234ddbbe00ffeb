using Xunit;
using static Hive.Health.ServiceLevel;

namespace Hive.Tests.Unit;

[Trait("Category", "Unit")]
public class ServiceLevelPolicyTests
{
    private static readonly HealthOptions Defaults = new();

    private static SiloSignals Silo(string name, double? cpu = null, double? memory = null, double? failedCallRate = null,
        bool storageCircuitOpen = false, double? storageLatencyMs = null) =>
        new(name, cpu, memory, failedCallRate, storageCircuitOpen, storageLatencyMs);

    // ---- Indicated ----

    [Fact]
    public void No_silos_and_no_agents_indicate_full_service()
    {
        var (level, reason) = ServiceLevelPolicy.Indicated([], null, Defaults);

        Assert.Equal(Full, level);
        Assert.Equal("all signals healthy", reason);
    }

    [Fact]
    public void Missing_measurements_count_as_healthy()
    {
        var (level, reason) = ServiceLevelPolicy.Indicated([Silo("a"), Silo("b")], null, Defaults);

        Assert.Equal(Full, level);
        Assert.Equal("all signals healthy", reason);
    }

    [Fact]
    public void Healthy_measurements_indicate_full_service()
    {
        var healthy = Silo("a", cpu: 74, memory: 79, failedCallRate: 0.04, storageLatencyMs: 49);

        Assert.Equal(Full, ServiceLevelPolicy.Indicated([healthy], 0.24, Defaults).Level);
    }

    [Fact]
    public void The_worst_silo_sets_the_level_and_is_named_in_the_reason()
    {
        var (level, reason) = ServiceLevelPolicy.Indicated(
            [Silo("silo-a", cpu: 80), Silo("silo-b", memory: 92), Silo("silo-c", cpu: 76)], null, Defaults);

        Assert.Equal(Essential, level);
        Assert.Contains("memory", reason, StringComparison.Ordinal);
        Assert.Contains("silo-b", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_worst_signal_of_one_silo_sets_the_level_and_is_named_in_the_reason()
    {
        var (level, reason) = ServiceLevelPolicy.Indicated(
            [Silo("silo-a", cpu: 80, memory: 85, failedCallRate: 0.6, storageLatencyMs: 100)], 0.3, Defaults);

        Assert.Equal(Emergency, level);
        Assert.Contains("failing", reason, StringComparison.Ordinal);
        Assert.Contains("silo-a", reason, StringComparison.Ordinal);
    }

    public static TheoryData<SiloSignals, ServiceLevel, string> SingleBadSignals() => new()
    {
        { Silo("s1", cpu: 91), Essential, "CPU" },
        { Silo("s1", memory: 96), Emergency, "memory" },
        { Silo("s1", failedCallRate: 0.06), Reduced, "calls failing" },
        { Silo("s1", storageLatencyMs: 300), Essential, "storage latency" },
        { Silo("s1", storageCircuitOpen: true), Essential, "storage circuit open" },
    };

    [Theory]
    [MemberData(nameof(SingleBadSignals))]
    public void Each_signal_alone_degrades_the_level_and_names_itself(SiloSignals silo, ServiceLevel expected, string named)
    {
        var (level, reason) = ServiceLevelPolicy.Indicated([silo], null, Defaults);

        Assert.Equal(expected, level);
        Assert.Contains(named, reason, StringComparison.Ordinal);
        Assert.Contains("s1", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_share_of_unresponsive_agents_degrades_the_level_and_names_itself()
    {
        var (level, reason) = ServiceLevelPolicy.Indicated([Silo("a", cpu: 80)], 0.6, Defaults);

        Assert.Equal(Essential, level);
        Assert.Contains("agents unresponsive", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_open_storage_circuit_forces_the_configured_level_even_with_healthy_measurements()
    {
        var options = new HealthOptions { StorageCircuitOpenLevel = Emergency };

        var (level, reason) = ServiceLevelPolicy.Indicated(
            [Silo("a", cpu: 10, memory: 10, failedCallRate: 0, storageCircuitOpen: true, storageLatencyMs: 1)], 0, options);

        Assert.Equal(Emergency, level);
        Assert.Equal("storage circuit open on a", reason);
    }

    [Fact]
    public void An_open_storage_circuit_does_not_hide_a_worse_signal()
    {
        var (level, reason) = ServiceLevelPolicy.Indicated([Silo("a", storageCircuitOpen: true), Silo("b", cpu: 99)], null, Defaults);

        Assert.Equal(Emergency, level);
        Assert.Contains("CPU", reason, StringComparison.Ordinal);
    }

    public static TheoryData<string, double, ServiceLevel> Boundaries()
    {
        var data = new TheoryData<string, double, ServiceLevel>();
        void Add(string signal, LevelThresholds t)
        {
            data.Add(signal, 0, Full);
            data.Add(signal, Math.BitDecrement(t.Reduced), Full);
            data.Add(signal, t.Reduced, Reduced);
            data.Add(signal, Math.BitDecrement(t.Essential), Reduced);
            data.Add(signal, t.Essential, Essential);
            data.Add(signal, Math.BitDecrement(t.Emergency), Essential);
            data.Add(signal, t.Emergency, Emergency);
            data.Add(signal, t.Emergency * 10, Emergency);
        }
        Add("cpu", Defaults.CpuPercent);
        Add("memory", Defaults.MemoryPercent);
        Add("failed", Defaults.FailedCallRate);
        Add("latency", Defaults.StorageLatencyMs);
        Add("unresponsive", Defaults.UnresponsiveAgentShare);
        return data;
    }

    [Theory]
    [MemberData(nameof(Boundaries))]
    public void A_value_exactly_at_a_threshold_indicates_that_level_and_just_below_it_the_one_above(string signal, double value, ServiceLevel expected)
    {
        var (level, _) = signal switch
        {
            "cpu" => ServiceLevelPolicy.Indicated([Silo("a", cpu: value)], null, Defaults),
            "memory" => ServiceLevelPolicy.Indicated([Silo("a", memory: value)], null, Defaults),
            "failed" => ServiceLevelPolicy.Indicated([Silo("a", failedCallRate: value)], null, Defaults),
            "latency" => ServiceLevelPolicy.Indicated([Silo("a", storageLatencyMs: value)], null, Defaults),
            "unresponsive" => ServiceLevelPolicy.Indicated([], value, Defaults),
            _ => throw new ArgumentOutOfRangeException(nameof(signal), signal, null),
        };

        Assert.Equal(expected, level);
    }

    [Fact]
    public void Default_thresholds_are_the_documented_ones()
    {
        Assert.Equal((75d, 90d, 98d), (Defaults.CpuPercent.Reduced, Defaults.CpuPercent.Essential, Defaults.CpuPercent.Emergency));
        Assert.Equal((0.25, 0.5, 0.9),
            (Defaults.UnresponsiveAgentShare.Reduced, Defaults.UnresponsiveAgentShare.Essential, Defaults.UnresponsiveAgentShare.Emergency));
        Assert.Equal(Essential, Defaults.StorageCircuitOpenLevel);
    }

    // ---- Next ----

    /// <summary>The evaluated level after each evaluation, starting at <paramref name="start"/> with no healthy streak.</summary>
    private static ServiceLevel[] Run(ServiceLevel start, int recoveryEvaluations, params ServiceLevel[] indicated)
    {
        var (level, streak) = (start, 0);
        var trace = new List<ServiceLevel>();
        foreach (var now in indicated)
        {
            (level, streak) = ServiceLevelPolicy.Next(level, now, streak, recoveryEvaluations);
            trace.Add(level);
        }
        return [.. trace];
    }

    [Fact]
    public void A_bad_evaluation_degrades_at_once_even_from_full_to_emergency()
    {
        Assert.Equal((Emergency, 0), ServiceLevelPolicy.Next(Full, Emergency, 0, 3));
        Assert.Equal((Essential, 0), ServiceLevelPolicy.Next(Reduced, Essential, 2, 3));
    }

    [Fact]
    public void A_short_healthy_streak_holds_the_level_and_counts_up()
    {
        Assert.Equal((Emergency, 1), ServiceLevelPolicy.Next(Emergency, Full, 0, 3));
        Assert.Equal((Emergency, 2), ServiceLevelPolicy.Next(Emergency, Full, 1, 3));
    }

    [Fact]
    public void Enough_healthy_evaluations_recover_exactly_one_level_and_start_a_new_streak() =>
        Assert.Equal((Essential, 0), ServiceLevelPolicy.Next(Emergency, Full, 2, 3));

    [Fact]
    public void Recovery_from_emergency_takes_one_level_per_streak()
    {
        Assert.Equal(
            [Emergency, Emergency, Essential, Essential, Essential, Reduced, Reduced, Reduced, Full, Full],
            Run(Emergency, 3, Full, Full, Full, Full, Full, Full, Full, Full, Full, Full));
    }

    [Fact]
    public void A_bad_evaluation_in_between_resets_the_streak()
    {
        Assert.Equal(
            [Emergency, Emergency, Emergency, Emergency, Emergency, Essential],
            Run(Emergency, 3, Full, Full, Emergency, Full, Full, Full));
    }

    [Fact]
    public void An_evaluation_at_the_current_level_resets_the_streak()
    {
        Assert.Equal((Essential, 0), ServiceLevelPolicy.Next(Essential, Essential, 2, 3));
        Assert.Equal(
            [Essential, Essential, Essential, Essential, Essential, Reduced],
            Run(Essential, 3, Full, Full, Essential, Full, Full, Full));
    }

    [Fact]
    public void A_signal_better_than_the_current_level_counts_as_healthy_but_recovery_stops_at_what_it_indicates()
    {
        Assert.Equal(
            [Emergency, Emergency, Essential, Essential, Essential, Essential],
            Run(Emergency, 3, Reduced, Reduced, Reduced, Essential, Essential, Essential));
    }

    [Fact]
    public void With_one_recovery_evaluation_each_healthy_evaluation_recovers_a_level() =>
        Assert.Equal([Essential, Reduced, Full, Full], Run(Emergency, 1, Full, Full, Full, Full));

    [Fact]
    public void Full_service_with_healthy_signals_stays_full_with_no_streak() =>
        Assert.Equal((Full, 0), ServiceLevelPolicy.Next(Full, Full, 0, 3));
}
