using System.Diagnostics;
using System.Reflection;
using Xunit.Abstractions;

namespace Hive.Tests.Fuzz;

/// <summary>
/// Drives every Hive.Client entry point with hostile values from a seeded generator. Every call must succeed or fail
/// with a <see cref="HiveException"/> carrying a documented code; afterwards the catalog must agree with every grain's
/// state and every stored entity must have an audit trail. <c>HIVE_FUZZ_SEED</c> and <c>HIVE_FUZZ_CALLS</c> (per hive)
/// change the run; <c>scripts/fuzz.sh</c> runs a long one with a random seed.
/// </summary>
public abstract class FuzzTests(FuzzClusterFixture hive, ITestOutputHelper output)
{
    public const int DefaultSeed = 20261205;
    public const int DefaultCalls = 10_000;   // per hive: about 20,000 in a CI run
    private static readonly HashSet<string> Documented = typeof(HiveErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!).ToHashSet();

    [Fact]
    public async Task Hostile_calls_get_a_result_or_a_documented_error_and_leave_catalog_and_audit_consistent()
    {
        var seed = Setting("HIVE_FUZZ_SEED", DefaultSeed);
        var calls = Setting("HIVE_FUZZ_CALLS", DefaultCalls);
        var values = new HostileValues(seed);
        // No retries: each answer is the hive's own, and a degraded or rate-limited call costs no waiting.
        var client = new HiveClient(hive.Cluster.Client, new HiveCalls("fuzzer", new HiveResilienceOptions { RetryBudget = TimeSpan.Zero }));
        var failures = new List<string>();
        var codes = new Dictionary<string, int>();
        var clock = Stopwatch.StartNew();
        var took = new Dictionary<string, TimeSpan>();

        for (var i = 0; i < calls && failures.Count < 10; i++)
        {
            var (name, call) = values.Pick(FuzzCalls.All);
            var started = clock.Elapsed;
            var outcome = await OutcomeOf(() => call(client, values));
            took[name] = took.GetValueOrDefault(name) + (clock.Elapsed - started);
            codes[outcome.Code ?? "ok"] = codes.GetValueOrDefault(outcome.Code ?? "ok") + 1;
            if (outcome.Failure is { } failure) failures.Add($"call {i} {name}: {failure}");
        }
        await Settle(client);

        output.WriteLine($"seed {seed}: {calls} calls in {clock.Elapsed.TotalSeconds:0.0} s; {string.Join(", ", codes.OrderByDescending(c => c.Value).Select(c => $"{c.Key} {c.Value}"))}");
        output.WriteLine("slowest: " + string.Join(", ", took.OrderByDescending(t => t.Value).Take(6).Select(t => $"{t.Key} {t.Value.TotalSeconds:0.0} s")));
        Assert.True(failures.Count == 0, $"Seed {seed} (HIVE_FUZZ_SEED={seed} to repeat):\n{string.Join("\n", failures)}");
        Assert.True(codes.GetValueOrDefault("ok") > calls / 20, $"Too few calls succeeded for the run to mean much: {codes.GetValueOrDefault("ok")}.");
        await AssertCatalogMatchesState(client);
    }

    private static async Task<(string? Code, string? Failure)> OutcomeOf(Func<Task> call)
    {
        try
        {
            await call().WaitAsync(TimeSpan.FromSeconds(30));
            return (null, null);
        }
        catch (HiveException e) when (Documented.Contains(e.Code))
        {
            return (e.Code, string.IsNullOrWhiteSpace(e.Message) ? $"{e.Code} without a message" : null);
        }
        catch (Exception e)
        {
            return ("undocumented", $"{e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>Leaves the hive serving for the checks (and for nothing else: the fuzzer's hive is its own).</summary>
    private static async Task Settle(HiveClient client)
    {
        var status = await client.Health.GetStatusAsync();
        if (status.PinnedLevel is not null) await client.Health.UnpinAsync(FuzzCalls.Operator);
        if (status.Halted) await client.Health.ResumeAsync(FuzzCalls.Operator);
    }

    private async Task AssertCatalogMatchesState(HiveClient client)
    {
        // Versions are not compared: a catalog row counts its own writes (heartbeats move its wake time without a state change).
        await AssertKind(EntityKind.Agent, FuzzCalls.Agents, client.Agents.GetAsync, GrainKeys.Agent, a => (a.Status.ToString(), null));
        await AssertKind(EntityKind.Task, FuzzCalls.Tasks, client.Tasks.GetAsync, GrainKeys.Task, t => (t.Status.ToString(), t.AssignedAgent));
        await AssertKind(EntityKind.Escalation, FuzzCalls.Escalations, client.Escalations.GetAsync, GrainKeys.Escalation, e => (e.Status.ToString(), null));
    }

    /// <summary>Each id of <paramref name="ids"/> has state exactly when it has a catalog row, they agree, and it has an audit trail.</summary>
    private async Task AssertKind<T>(EntityKind kind, string[] ids, Func<string, Task<T>> get, Func<string, string> entity,
        Func<T, (string Status, string? Owner)> listed) where T : class
    {
        foreach (var id in ids)
        {
            var state = await Existing(() => get(id));
            var row = await Row(kind, id);
            Assert.True(state is null == row is null, $"{kind} {id}: state {(state is null ? "absent" : "present")}, catalog row {(row is null ? "absent" : "present")}");
            if (state is null) continue;
            var (status, owner) = listed(state);
            Assert.Equal(status, row!.Status);
            if (owner is not null || kind == EntityKind.Task) Assert.Equal(owner, row.Owner);
            await AssertAudited(entity(id));
        }
    }

    private async Task AssertAudited(string entity)
    {
        var trail = await hive.Audit.QueryAsync(new Hive.Audit.AuditQuery(Entity: entity, PageSize: 1));
        Assert.True(trail.Items.Count > 0, $"{entity} is stored but has no audit event.");
    }

    private async Task<CatalogEntry?> Row(EntityKind kind, string id) =>
        (await hive.Catalog.QueryAsync(new CatalogQuery(kind, PageSize: 1000))).FirstOrDefault(r => r.Id == id);

    private static async Task<T?> Existing<T>(Func<Task<T>> get) where T : class
    {
        try
        {
            return await get();
        }
        catch (HiveException e) when (e.Code == HiveErrorCodes.NotFound)
        {
            return null;
        }
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out var value) ? value : fallback;
}

[Trait("Category", "Cluster")]
[Collection(FuzzCollection.Name)]
public sealed class FuzzTestsInMemory(FuzzClusterFixture hive, ITestOutputHelper output) : FuzzTests(hive, output);
