using Hive.Health;

namespace Hive.LoadGen;

/// <summary>
/// The hive sheds load by itself (service levels from CPU, storage latency, failed calls), and a saturated
/// 2-core machine trips those signals. The benchmark measures capacity, so it pins full service for the run as an
/// operator would, and after each case prints the level the hive evaluated underneath: where it would have shed load.
/// </summary>
internal static class ServiceLevelWatch
{
    private const string Actor = "loadgen";

    public static Task PinFullAsync(HiveTarget target) =>
        target.Hive.Health.PinAsync(ServiceLevel.Full, Actor, "benchmark: measuring capacity, not load shedding");

    public static Task UnpinAsync(HiveTarget target) => target.Hive.Health.UnpinAsync(Actor);

    /// <summary>The level the hive's own evaluation reached under the pin, when it is not full.</summary>
    public static async Task<string?> WouldShedAsync(HiveTarget target)
    {
        var status = await target.Hive.Health.GetStatusAsync();
        return status.EvaluatedLevel == ServiceLevel.Full ? null : $"{status.EvaluatedLevel} ({status.Reason})";
    }
}
