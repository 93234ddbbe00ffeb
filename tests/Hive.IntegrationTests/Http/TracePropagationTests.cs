using System.Collections.Concurrent;
using System.Diagnostics;

namespace Hive.Tests.Http;

/// <summary>
/// Integration (real PostgreSQL): one trace runs from a service's call through the grain call into PostgreSQL. The silo
/// and the client are wired as Program.cs and Hive.Client wire them (<c>AddHive</c>, <c>AddActivityPropagation</c>);
/// an in-process listener stands in for the OpenTelemetry exporter.
/// </summary>
[Trait("Category", "Durable")]
public sealed class TracePropagationTests : IAsyncLifetime
{
    private static readonly ActivitySource Service = new("Hive.Tests.Service");
    private DurableTestHive _durable = null!;

    public async Task InitializeAsync() => _durable = await DurableTestHive.StartAsync(client: client => client.AddActivityPropagation());

    public async Task DisposeAsync() => await _durable.DisposeAsync();

    [Fact]
    public async Task A_service_call_is_one_trace_through_the_grain_call_to_PostgreSQL()
    {
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Hive.Tests.Service" or HiveTracing.SourceName or "Npgsql"
                || source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        var hive = new HiveClient(_durable.Cluster.Client);

        Activity root;
        using (root = Service.StartActivity("register-agent")!)
        {
            await hive.Agents.RegisterAsync(new AgentSpec("traced-1", "Traced", ["quality"]));
        }

        // service call → client call → grain call on the silo → grain storage write → its batch → PostgreSQL command
        var spans = stopped.Where(a => a.TraceId == root.TraceId).ToList();
        var describe = string.Join("\n", spans.Select(a => $"{a.SpanId} <- {a.ParentSpanId} {a.Source.Name} {a.Kind} {a.DisplayName}"));
        var client = Assert.Single(spans, a => a.Kind == ActivityKind.Client && a.ParentSpanId == root.SpanId && a.DisplayName.EndsWith("/Register", StringComparison.Ordinal));
        var grainCall = Assert.Single(spans, a => a.Kind == ActivityKind.Server && a.ParentSpanId == client.SpanId);
        var write = spans.SingleOrDefault(a => a.Source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal) && a.DisplayName == "write storage" && IsWithin(a, grainCall, spans));
        Assert.True(write is not null, "no grain storage write inside the grain call:\n" + describe);
        // The write goes out in a group-commit batch whose span continues this trace.
        Assert.Contains(spans, a => a.Source.Name == "Npgsql" && IsWithin(a, write, spans));
        // Activation reads the agent's state under the client call, not the grain call: still this trace.
        Assert.All(spans.Where(a => a.Source.Name == "Npgsql"), a => Assert.True(IsWithin(a, root, spans), describe));
    }

    /// <summary>True when <paramref name="span"/> descends from <paramref name="ancestor"/> among the recorded spans.</summary>
    private static bool IsWithin(Activity span, Activity ancestor, IReadOnlyList<Activity> spans)
    {
        var byId = spans.ToDictionary(a => a.SpanId);
        for (var current = span; current is not null; current = byId.GetValueOrDefault(current.ParentSpanId))
            if (current.SpanId == ancestor.SpanId) return true;
        return false;
    }
}
