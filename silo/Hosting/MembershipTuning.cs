using Orleans.Configuration;

namespace Hive.Silo.Hosting;

/// <summary>
/// How fast a dead silo is declared dead. Orleans' defaults take about 15 s to give up on a silo killed
/// without warning; measured here, a 1 s probe timeout with 2 missed probes recovered in 0.8 s. These values
/// keep most of that speed with margin for a loaded 2-core machine, where a busy silo can answer a probe late:
/// a silo is suspected only after 3 missed probes of 2 s each (6 s of silence; the adaptive timeout may stretch
/// to 4 s while the prober itself is degraded), and needs 2 votes, so one starved prober cannot kill a healthy peer.
/// </summary>
public static class MembershipTuning
{
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan MaxProbeTimeout = TimeSpan.FromSeconds(4);
    public const int NumMissedProbesLimit = 3;
    public const int NumVotesForDeathDeclaration = 2;

    /// <summary>
    /// A silo writes "I am alive" to the table this often; an entry three periods old counts as stale. A silo
    /// that joins while the table still lists a killed peer as active waits until that entry is stale (or
    /// voted dead): with the default 30 s a restarted silo whose only peer was killed took 96 s to join here.
    /// </summary>
    public static readonly TimeSpan IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
    public const int NumMissedTableIAmAliveLimit = 3;

    /// <summary>Silos re-read the table this often, so a joined or dead silo is seen even if gossip was missed.</summary>
    public static readonly TimeSpan TableRefreshTimeout = TimeSpan.FromSeconds(10);

    public static void Apply(ClusterMembershipOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ProbeTimeout = ProbeTimeout;
        options.MinProbeTimeout = ProbeTimeout / 2;
        options.MaxProbeTimeout = MaxProbeTimeout;
        options.NumMissedProbesLimit = NumMissedProbesLimit;
        options.NumVotesForDeathDeclaration = NumVotesForDeathDeclaration;
        options.TableRefreshTimeout = TableRefreshTimeout;
        options.IAmAliveTablePublishTimeout = IAmAliveTablePublishTimeout;
        options.NumMissedTableIAmAliveLimit = NumMissedTableIAmAliveLimit;
        options.ExtendProbeTimeoutDuringDegradation = true;
    }
}
