using Hive.Chaos;

namespace Hive.Tests.Failover;

/// <summary>What every PostgreSQL outage drill holds the hive to, whatever took the database away.</summary>
internal static class StorageOutageChecks
{
    /// <summary>Orleans' own call timeout; a storage failure must be reported well before it.</summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The silo's storage pipeline gives up after 10 s (Hive:Storage:Resilience:TotalTimeout), plus room for a busy machine.</summary>
    public static readonly TimeSpan Quick = TimeSpan.FromSeconds(12);

    /// <summary>
    /// Nothing acknowledged lost or done twice; calls started while the database was away (from <paramref name="from"/> to
    /// <paramref name="until"/> on the load's clock) failed, some with <c>storage-unavailable</c>; every failure is one of the
    /// documented outage codes and came back well before the call timeout. Returns those calls and the slowest failure.
    /// </summary>
    public static (IReadOnlyList<CallRecord> DuringOutage, TimeSpan Slowest) AssertClearAndQuick(ChaosReport report, TimeSpan from, TimeSpan until)
    {
        Assert.True(report.Acked > 0, report.Line);
        Assert.Equal(0, report.Lost);
        Assert.Equal(0, report.Duplicates);
        var failed = report.Calls.Where(c => !c.Succeeded).ToList();
        var duringOutage = failed.Where(c => c.Started >= from && c.Started < until).ToList();
        Assert.NotEmpty(duringOutage);
        Assert.Contains(duringOutage, c => c.Error == HiveErrorCodes.StorageUnavailable);
        var unclear = failed.Where(c => c.Error is not (HiveErrorCodes.StorageUnavailable or HiveErrorCodes.Unavailable or HiveErrorCodes.InvalidTransition)).ToList();
        Assert.True(unclear.Count == 0, $"Errors other than storage-unavailable: {string.Join(", ", unclear.Select(c => $"{c.Kind} {c.Error}").Distinct())}");
        var slowest = failed.Max(c => c.Took);
        Assert.True(slowest < Quick, $"A failing call took {slowest.TotalSeconds:0.0} s; the call timeout is {CallTimeout.TotalSeconds:0} s.");
        Assert.NotNull(report.Recovery);
        return (duringOutage, slowest);
    }
}
