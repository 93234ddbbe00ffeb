using System.Diagnostics.Metrics;
using Hive.Health;

namespace Hive.Common;

/// <summary>
/// The meter <c>Hive</c>: counters and histograms recorded where things happen, and gauges read from the latest
/// counts (refreshed by the silo's health reporter) and this silo's copy of the service level.
/// </summary>
public sealed class HiveMetrics
{
    public const string MeterName = "Hive";

    private readonly Counter<long> _transitions;
    private readonly Histogram<double> _taskDuration;
    private readonly Counter<long> _messagesSent;
    private readonly Counter<long> _messagesAcked;
    private readonly Counter<long> _memoryWrites;
    private readonly Counter<long> _escalationsRaised;
    private readonly Counter<long> _rateLimitRejections;
    // Replaced whole on each update, so gauge callbacks on other threads always see one consistent snapshot.
    private volatile Dictionary<string, IReadOnlyDictionary<string, long>> _counts = [];

    public HiveMetrics(IMeterFactory meters, ServiceLevelCache level)
    {
        var meter = meters.Create(MeterName);
        _transitions = meter.CreateCounter<long>("hive.tasks.transitions", description: "Task status changes, by from and to status.");
        _taskDuration = meter.CreateHistogram<double>("hive.tasks.duration", "s", "Time from a task's creation to its completion.");
        _messagesSent = meter.CreateCounter<long>("hive.messages.sent", description: "Messages delivered to inboxes.");
        _messagesAcked = meter.CreateCounter<long>("hive.messages.acked", description: "Messages acked by their receivers.");
        _memoryWrites = meter.CreateCounter<long>("hive.memory.writes", description: "Memory puts and deletes.");
        _escalationsRaised = meter.CreateCounter<long>("hive.escalations.raised", description: "Escalations raised, reopened or raised a tier, by severity.");
        _rateLimitRejections = meter.CreateCounter<long>("hive.rate_limit.rejections", description: "Client calls refused by a rate limit, by kind of operation and by limit (caller, silo, or waiters for long polls).");
        meter.CreateObservableGauge("hive.agents", () => Gauge("agent"), description: "Agents by status.");
        meter.CreateObservableGauge("hive.tasks", () => Gauge("task"), description: "Tasks by status.");
        meter.CreateObservableGauge("hive.escalations", () => Gauge("escalation"), description: "Escalations by status.");
        meter.CreateObservableGauge("hive.service_level", () => (int)level.Current.Level, description: "0 full, 1 reduced, 2 essential, 3 emergency.");
        meter.CreateObservableGauge("hive.halted", () => level.Current.Halted ? 1 : 0, description: "1 while the hive is halted.");
    }

    public void TaskTransition(string? from, string to) =>
        _transitions.Add(1, new("from", from ?? "none"), new("to", to));

    public void TaskCompleted(TimeSpan sinceCreated) => _taskDuration.Record(sinceCreated.TotalSeconds);

    public void MessageSent() => _messagesSent.Add(1);

    public void MessagesAcked(int count) => _messagesAcked.Add(count);

    public void MemoryWritten(string kind) => _memoryWrites.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void EscalationRaised(string severity) => _escalationsRaised.Add(1, new KeyValuePair<string, object?>("severity", severity));

    /// <param name="limit"><c>caller</c> (the caller's own bucket), <c>silo</c> (the silo's bucket over all callers) or <c>waiters</c> (a long poll's waiting places).</param>
    public void RateLimited(OperationKind kind, string limit) =>
        _rateLimitRejections.Add(1, new("kind", kind.ToString()), new("limit", limit));

    /// <summary>The latest counts by status for one kind of entity (<c>agent</c>, <c>task</c>, <c>escalation</c>).</summary>
    public void UpdateCounts(string kind, IReadOnlyDictionary<string, long> byStatus)
    {
        _counts = new Dictionary<string, IReadOnlyDictionary<string, long>>(_counts) { [kind] = byStatus };
    }

    private IEnumerable<Measurement<long>> Gauge(string kind) =>
        _counts.TryGetValue(kind, out var byStatus)
            ? byStatus.Select(p => new Measurement<long>(p.Value, new KeyValuePair<string, object?>("status", p.Key)))
            : [];
}
