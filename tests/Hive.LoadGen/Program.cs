using System.Globalization;
using Hive.Agents;
using Hive.Client;
using Hive.LoadGen;
using Hive.LoadGen.Scenarios;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

// Load generator: closed-loop scenarios against a running silo, each beside its baseline. Not a test; see
// scripts/bench.sh, which starts the services and the silo and runs this in a process of its own.
LoadOptions options;
try
{
    options = LoadOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(LoadOptions.Usage);
    return 2;
}

var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddHiveClient(o =>
{
    o.Gateways.Add(options.Gateway);
    o.ClusterId = options.ClusterId;
    o.CallerId = "loadgen";
    o.TokenFile = options.TokenFile;
});
using var host = builder.Build();
await host.StartAsync();

int? postmaster;
await using (var probe = NpgsqlDataSource.Create(options.Postgres!))
await using (var command = probe.CreateCommand("SELECT pg_backend_pid()"))
{
    postmaster = ProcessTree.ParentOf((int)(await command.ExecuteScalarAsync())!);
}
var cpu = new CpuMeter(options.SiloPid, postmaster);
var run = "r" + Guid.NewGuid().ToString("N")[..6];
await using var pacer = new HeartbeatPacer(host.Services.GetRequiredService<HiveClient>(), options.HeartbeatInterval);
var target = new HiveTarget(host.Services.GetRequiredService<HiveClient>(), host.Services.GetRequiredService<HiveCalls>(),
    host.Services.GetRequiredService<IClusterClient>(), run, pacer);

Console.WriteLine($"run {run}: warm-up {options.WarmUp.TotalSeconds:0.#} s, {options.Duration.TotalSeconds:0.#} s measured per case, " +
    $"concurrency {string.Join("/", options.Concurrency)}, {options.HeartbeatAgents:N0} heartbeat agents{(options.Quick ? " (QUICK mode: short runs, smaller fleet; not for the record)" : "")}");
Console.WriteLine($"cpu: % of one core (this machine has {Environment.ProcessorCount}); silo pid {options.SiloPid?.ToString(CultureInfo.InvariantCulture) ?? "unknown"}, postmaster pid {postmaster?.ToString(CultureInfo.InvariantCulture) ?? "unknown"}");
await ServiceLevelWatch.PinFullAsync(target);
Console.WriteLine("service level pinned at Full for the run (unpinned at the end); lines below say where the hive would have shed load");
Console.WriteLine(Report.Header);

await using var statsSource = options.PgStats is { } statsDb ? NpgsqlDataSource.Create(statsDb) : null;
var statements = statsSource is null ? null : new PgStatements(statsSource);
// Statistics for the rows set-up just wrote: a database created for the run would otherwise plan on "empty tables"
// (sequential scans) until autovacuum's next visit, up to a minute later, and the run would measure that cold start.
await using var hiveDatabase = NpgsqlDataSource.Create(options.Postgres!);
var measurements = new List<Measurement>();
var rows = new List<ResultRow>();
async Task MeasureAsync(IScenario scenario, int workers, CpuMeter? meter = null)
{
    if (options.Only is { } only && !only.Contains(scenario.Name)) return;
    Measurement measurement;
    IReadOnlyDictionary<long, PgStatements.Statement>? statementsBefore = null;
    try
    {
        await scenario.PrepareAsync(workers, CancellationToken.None);
        await using (var analyze = hiveDatabase.CreateCommand("ANALYZE")) await analyze.ExecuteNonQueryAsync();
        if (statements is not null) statementsBefore = await statements.SnapshotAsync();
        measurement = await ClosedLoop.RunAsync(scenario, workers, options.WarmUp, options.Duration, meter ?? cpu);
    }
    catch (Exception e) when (e is HiveException or TimeoutException or InvalidOperationException)
    {
        Console.WriteLine($"{scenario.Name,-24} {workers,5}  NOT MEASURED: set-up failed: {e.Message.Split('\n')[0]}");
        return;
    }
    measurements.Add(measurement);
    foreach (var row in Report.Rows(measurement, scenario.Baseline, measurements))
    {
        rows.Add(row);
        Console.WriteLine(Report.Format(row));
    }
    if (measurement.FirstError is { } error) Console.WriteLine($"  first error: {error}");
    if (statements is not null && statementsBefore is not null)
    {
        // Warm-up included: the statements ran for every operation since the snapshot, not only the measured ones.
        var operations = (long)(measurement.OpsPerSecond * (options.WarmUp + options.Duration).TotalSeconds);
        foreach (var line in PgStatements.Describe(statementsBefore, await statements.SnapshotAsync(), operations)) Console.WriteLine(line);
    }
    // The transport silos have a meter of their own and shed nothing the durable silo's level says.
    if (meter is null && await ServiceLevelWatch.WouldShedAsync(target) is { } level) Console.WriteLine($"  unpinned, the hive would be shedding load after this case: evaluated {level}");
}

// One concurrency at a time, baselines first, so each row's baseline was measured minutes (not half an hour) before
// it on a machine whose load drifts. The raw upserts have their own pool, emptied after each use so PostgreSQL's
// connection slots are the silo's again.
// 64 connections: beside the silo's own pool (up to 100) this stays under services.sh's max_connections of 200,
// which a pool of 100 overran at 1,000 workers (PostgreSQL refused connections and the baseline collapsed).
var rawPool = new NpgsqlConnectionStringBuilder(options.Postgres) { MaxPoolSize = 64, Timeout = 30 };
await using var rawSource = NpgsqlDataSource.Create(rawPool.ConnectionString);
await using var raw = new RawUpsert(rawSource, $"loadgen_upsert_{run}", keysPerWorker: 4);
var reads = new ReadTargets(target);
IScenario[] scenarios =
[
    new NoopCall(target),
    new MemoryPut(target, keysPerWorker: 4),
    new TaskLifecycle(target),
    new Messages(target),
    new MessageBatches(target, MessageBatches.DefaultBatch),
    new Read("read-task", reads, w => target.Hive.Tasks.GetAsync(reads.Task(w))),
    new Read("read-agent", reads, w => target.Hive.Agents.GetAsync(reads.Agent(w))),
    new Read("read-memory", reads, w => target.Hive.Memory.GetAsync(MemoryPut.Namespace, ReadTargets.Channel, reads.Key(w))),
];
await using var transport = options.TransportSilos is { } transportFile ? await TransportSilos.ConnectAsync(transportFile, postmaster) : null;
foreach (var workers in options.Concurrency)
{
    await MeasureAsync(raw, workers);
    rawSource.Clear();
    foreach (var scenario in scenarios) await MeasureAsync(scenario, workers);
    foreach (var (scenario, meter) in transport?.Scenarios ?? []) await MeasureAsync(scenario, workers, meter);
}
// Last: the fleet stays registered (and paced) from here to the end of the run.
var heartbeats = new Heartbeats(target, options.HeartbeatAgents);
foreach (var workers in options.Concurrency) await MeasureAsync(heartbeats, workers);

await Report.WriteJsonAsync(options.Json, rows);
Console.WriteLine($"wrote {rows.Count} rows to {Path.GetFullPath(options.Json)}");
if (options.Only is null || options.Only.Contains(heartbeats.Name))
{
    try
    {
        var unresponsive = await CountUnresponsiveAsync(target);
        Console.WriteLine($"heartbeat fleet: {heartbeats.Agents:N0} agents (+{pacer.Paced:N0} paced beats, {pacer.Failed} failed); largest gap between two beats of one agent " +
            $"{pacer.MaxGap.TotalSeconds:0.0} s (hive deadline {options.HeartbeatDeadline.TotalSeconds:0} s); agents the hive lists as unresponsive: {unresponsive}" +
            (unresponsive == 0 ? " (no false alarms)" : pacer.MaxGap < options.HeartbeatDeadline ? " - FALSE ALARMS: every gap was under the deadline" : " - the generator fell behind its pacing"));
    }
    catch (Exception e) when (e is HiveException or TimeoutException)
    {
        // The results are already written; a hive that stopped answering is itself the finding.
        Console.WriteLine($"heartbeat fleet: could not list unresponsive agents: {e.Message.Split('\n')[0]}");
    }
}
try
{
    await ServiceLevelWatch.UnpinAsync(target);
}
catch (Exception e) when (e is HiveException or TimeoutException)
{
    Console.WriteLine($"could not unpin the service level: {e.Message.Split('\n')[0]}");
}
await host.StopAsync();
return 0;

static async Task<int> CountUnresponsiveAsync(HiveTarget target)
{
    var count = 0;
    string? token = null;
    do
    {
        var page = await target.Hive.Agents.ListAsync(new AgentQuery(AgentStatus.Unresponsive, PageSize: Limits.MaxPageSize, PageToken: token));
        count += page.Items.Count(a => a.Id.StartsWith(target.RunPrefix, StringComparison.Ordinal));
        token = page.NextPageToken;
    }
    while (token is not null);
    return count;
}
