using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Hive.Tests.Cluster;

/// <summary>The meter <c>Hive</c> records what the hive does, where it happens.</summary>
public abstract class MetricsTests(HiveClusterFixture hive) : IDisposable
{
    private readonly ConcurrentQueue<(string Instrument, long Value, Dictionary<string, object?> Tags)> _measured = new();
    private readonly MeterListener _listener = new();

    [Fact]
    public async Task Task_transitions_messages_and_memory_writes_are_counted()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == HiveMetrics.MeterName) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            _measured.Enqueue((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
        _listener.Start();

        var role = HiveClusterFixture.NewId("role");
        var agent = HiveClusterFixture.NewId("agent");
        var task = HiveClusterFixture.NewId("task");
        await hive.Hive.Agents.RegisterAsync(new AgentSpec(agent, "Agent", [role]));
        await hive.Hive.Tasks.CreateAsync(new TaskSpec(task, "Count me", "metrics", PrimaryRole: role), "tester");
        await hive.Hive.Agents.ClaimNextAsync(agent);
        await hive.Hive.Tasks.CompleteAsync(task, agent);
        await hive.Hive.Messages.SendAsync(new Messaging.MessageDraft(agent, "notice", "hello", "", To: agent));
        await hive.Hive.Memory.PutAsync("metrics_ns", "chan", HiveClusterFixture.NewId("k"), "1", agent);

        Assert.Contains(_measured, m => m.Instrument == "hive.tasks.transitions" && Equals(m.Tags["to"], "Completed") && Equals(m.Tags["from"], "Assigned"));
        Assert.Contains(_measured, m => m.Instrument == "hive.messages.sent" && m.Value == 1);
        Assert.Contains(_measured, m => m.Instrument == "hive.memory.writes" && Equals(m.Tags["kind"], "put"));
    }

    public void Dispose()
    {
        _listener.Dispose();
        GC.SuppressFinalize(this);
    }
}

[Trait("Category", "Cluster")]
[Collection(HiveClusterCollection.Name)]
public sealed class MetricsTestsInMemory(HiveClusterFixture hive) : MetricsTests(hive);
