using Hive.Chaos;

namespace Hive.Tests.Failover;

/// <summary>The chaos driver's load around one fault: a short load, the fault, more load, then the verdict, printed.</summary>
internal static class FaultDrill
{
    /// <summary>When set, every drill appends its verdict line (<see cref="ChaosReport.Line"/>) to this file: the chaos scripts read it.</summary>
    public const string ReportVariable = "HIVE_CHAOS_REPORT";

    /// <summary>Fewer writers than the drill script's: enough to keep every kind of call going, light on a 2-core machine. A fresh run id each time.</summary>
    public static ChaosOptions Light() => new() { MemoryWriters = 2, TaskWriters = 2, MessageWriters = 1 };

    /// <param name="started">Sees the load once it runs, for tests that read its call log against the fault's timing.</param>
    public static async Task<ChaosReport> RunAsync(HiveClient hive, ITestOutputHelper output, Func<Task> fault, TimeSpan after,
        ChaosOptions? options = null, Action<ChaosLoad>? started = null)
    {
        using var load = new ChaosLoad(hive, options ?? Light());
        await load.StartAsync();
        started?.Invoke(load);
        await Task.Delay(TimeSpan.FromSeconds(2));
        load.Mark();
        await fault();
        await Task.Delay(after);
        var report = await load.StopAndVerifyAsync();
        output.WriteLine(report.Line);
        if (Environment.GetEnvironmentVariable(ReportVariable) is { Length: > 0 } verdicts) await File.AppendAllTextAsync(verdicts, report.Line + "\n");
        output.WriteLine(load.Log.DescribeDisturbance());
        foreach (var problem in report.Tally.Problems.Take(20)) output.WriteLine(problem);
        return report;
    }
}
