using System.Diagnostics;
using Hive.Health;

namespace Hive.LoadGen;

/// <summary>
/// The hive sheds load by itself (service levels on CPU, storage latency, failed calls). A case measured while it
/// is still degraded by the previous one would measure the shedding, so each case starts at full service, and the
/// level each case leaves behind is printed.
/// </summary>
internal static class ServiceLevelWatch
{
    public static async Task<TimeSpan> WaitForFullAsync(HiveTarget target, TimeSpan timeout)
    {
        var waited = Stopwatch.StartNew();
        while ((await target.Hive.Health.GetStatusAsync()).Level != ServiceLevel.Full && waited.Elapsed < timeout)
            await Task.Delay(500);
        return waited.Elapsed;
    }

    public static async Task<string?> DegradedAsync(HiveTarget target)
    {
        var status = await target.Hive.Health.GetStatusAsync();
        return status.Level == ServiceLevel.Full ? null : $"{status.Level} ({status.Reason})";
    }
}
