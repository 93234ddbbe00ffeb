using System.Globalization;

namespace Hive.Tests.Cluster;

/// <summary>
/// A hive of its own for the service-level and halt tests, so pins, halts and degraded levels never reach the shared
/// "hive-cluster" collection. Silos report no signals: tests feed them with <see cref="ReportAsync"/> and run
/// evaluations with <see cref="EvaluateAsync"/>; the evaluation interval is long enough that the health grain's
/// own timer never runs during a test. Unresponsive agents count with the normal thresholds here.
/// </summary>
public class HealthClusterFixture : HiveClusterFixture
{
    public HealthClusterFixture()
        : this(onPostgres: false)
    {
    }

    protected HealthClusterFixture(bool onPostgres)
        : base(onPostgres)
    {
    }

    /// <summary>The grain's own timer would evaluate this often; a test never waits that long.</summary>
    public static readonly TimeSpan EvaluationInterval = TimeSpan.FromMinutes(10);
    public const int RecoveryEvaluations = 3;
    public const int SignalMaxAgeIntervals = 3;
    public static readonly TimeSpan SignalMaxAge = EvaluationInterval * SignalMaxAgeIntervals;

    /// <summary>What a degraded call's retry-after says: the time the hive needs to recover one level.</summary>
    public static readonly TimeSpan RetryAfter = EvaluationInterval * RecoveryEvaluations;

    /// <summary>The normal share-of-unresponsive-agents thresholds (the shared fixture sets them out of reach).</summary>
    public const double UnresponsiveReduced = 0.25;
    public const double UnresponsiveEssential = 0.5;
    public const double UnresponsiveEmergency = 0.9;

    public const string Operator = "operator:alice";
    public const string TestSilo = "test-silo";
    public const string HealthEntity = "hive/health";
    public const string LevelAlert = "service-level/hive";
    public const string HaltAlert = "halted/hive";

    private readonly HashSet<string> _silosReported = new(StringComparer.Ordinal) { TestSilo };
    private readonly Lock _gate = new();

    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Hive:Health:ReportSiloSignals"] = "false";
        settings["Hive:Health:UnresponsiveAgentShare:Reduced"] = UnresponsiveReduced.ToString(CultureInfo.InvariantCulture);
        settings["Hive:Health:UnresponsiveAgentShare:Essential"] = UnresponsiveEssential.ToString(CultureInfo.InvariantCulture);
        settings["Hive:Health:UnresponsiveAgentShare:Emergency"] = UnresponsiveEmergency.ToString(CultureInfo.InvariantCulture);
        settings["Hive:Health:RecoveryEvaluations"] = RecoveryEvaluations.ToString(CultureInfo.InvariantCulture);
        settings["Hive:Health:SignalMaxAgeIntervals"] = SignalMaxAgeIntervals.ToString(CultureInfo.InvariantCulture);
        settings["Hive:Health:EvaluationInterval"] = EvaluationInterval.ToString();
        return settings;
    }

    public IHiveHealthGrain Health => Grains.GetGrain<IHiveHealthGrain>(0);

    /// <summary>What one silo measured; the health grain stamps it with the fake clock when it receives it.</summary>
    public static SiloSignals Signals(double? cpu = null, double? memory = null, double? failedCallRate = null, bool storageCircuitOpen = false,
        double? storageLatencyMs = null, string silo = TestSilo) =>
        new(silo, cpu, memory, failedCallRate, storageCircuitOpen, storageLatencyMs);

    /// <summary>Where silos report their signals: the health grain's internal side, reached from a silo as the hive's reporters do.</summary>
    internal ISiloSignalsGrain SignalSink => SiloGrains.GetGrain<IHiveHealthGrain>(0).AsReference<ISiloSignalsGrain>();

    /// <summary>Hands the health grain a silo's report, remembering the silo so <see cref="RestoreAsync"/> can make it healthy again.</summary>
    public Task ReportAsync(SiloSignals signals)
    {
        lock (_gate) _silosReported.Add(signals.Silo);
        return SignalSink.ReportSignals(signals);
    }

    /// <summary>Reports <paramref name="signals"/> (when given), then runs one evaluation.</summary>
    public async Task<HiveHealthStatus> EvaluateAsync(SiloSignals? signals = null)
    {
        if (signals is not null) await ReportAsync(signals);
        return await Health.Evaluate();
    }

    /// <summary>Waits until every silo's cached copy of the status is at least as new as <paramref name="status"/>, so its filter enforces it.</summary>
    /// <summary>Moves the fake clock on a millisecond and returns the time: audit events at or after it belong to the caller.</summary>
    public DateTimeOffset Mark()
    {
        Advance(TimeSpan.FromMilliseconds(1));
        return Time.GetUtcNow();
    }

    /// <summary>The health grain's audit events since <paramref name="since"/>, oldest first.</summary>
    public async Task<IReadOnlyList<AuditEvent>> HealthAuditSince(DateTimeOffset since) =>
        (await Hive.Audit.QueryAsync(new AuditQuery(Entity: HealthEntity, Since: since, PageSize: Limits.MaxPageSize))).Items.Reverse().ToArray();

    /// <summary>The alert history lines for <paramref name="key"/> recorded after the first <paramref name="skip"/> lines.</summary>
    public IReadOnlyList<string> AlertHistorySince(int skip, string key) =>
        Alerts.History.Skip(skip).Where(line => line.EndsWith(" " + key, StringComparison.Ordinal)).ToArray();

    /// <summary>
    /// Puts the hive back where every test starts: not halted, not pinned, every reporting silo healthy, evaluated
    /// back to full service, every silo enforcing that, and no live agents left to count as unresponsive later.
    /// </summary>
    public async Task RestoreAsync()
    {
        if ((await Health.GetStatus()).Halted) await Health.Resume(Operator);
        // Held at full service for the cleanup, so the client may deregister whatever level the signals indicate.
        await UntilEverySiloEnforces(await Health.Pin(ServiceLevel.Full, Operator, "health test cleanup"));
        await RetireLiveAgentsAsync();
        await Health.Unpin(Operator);
        string[] silos;
        lock (_gate) silos = [.. _silosReported];
        foreach (var silo in silos) await SignalSink.ReportSignals(Signals(cpu: 5, memory: 20, failedCallRate: 0, storageLatencyMs: 1, silo: silo));
        // From emergency it takes three levels of recovery evaluations each.
        var status = await Health.Evaluate();
        for (var i = 1; i < 3 * RecoveryEvaluations && status.Level != ServiceLevel.Full; i++) status = await Health.Evaluate();
        if (status is not { Level: ServiceLevel.Full, EvaluatedLevel: ServiceLevel.Full, PinnedLevel: null, Halted: false })
            throw new InvalidOperationException($"The health fixture could not be restored: {status}.");
        await UntilEverySiloEnforces(status);
    }

    /// <summary>Cancels what live agents hold and deregisters them, so no later test counts them as unresponsive.</summary>
    private async Task RetireLiveAgentsAsync()
    {
        var live = (await Catalog.QueryAsync(new CatalogQuery(EntityKind.Agent, PageSize: int.MaxValue)))
            .Where(r => r.Status != nameof(AgentStatus.Offline)).Select(r => r.Id).ToArray();
        foreach (var id in live)
        {
            if ((await Hive.Agents.GetAsync(id)).CurrentTaskId is { } task)
            {
                try
                {
                    await Hive.Tasks.CancelAsync(task, Operator, "health test cleanup");
                }
                catch (HiveException e) when (e.Code == HiveErrorCodes.InvalidTransition)
                {
                    // Already finished: the agent is being released.
                }
            }
            await Hive.Agents.DeregisterAsync(id, Operator);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class HealthClusterCollection : ICollectionFixture<HealthClusterFixture>
{
    public const string Name = "health-cluster";
}
