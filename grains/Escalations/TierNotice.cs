namespace Hive.Escalations;

/// <summary>
/// The escalation's outbox entry for a missed deadline: the tier it rose from and to, and the supporting agents yet
/// to be told. Committed with the raised tier, so a failure or a crash only delays the notices; each agent is told
/// at least once (a retry may tell one twice; the subject names the tier, so a repeat is recognisable).
/// </summary>
[GenerateSerializer, Alias("hive.tier-notice.v1")]
public sealed class TierNotice
{
    [Id(0)] public Severity From { get; set; }
    [Id(1)] public Severity To { get; set; }
    [Id(2)] public DateTimeOffset Missed { get; set; }
    [Id(3)] public DateTimeOffset AcknowledgeBy { get; set; }
    [Id(4)] public List<string> Remaining { get; set; } = [];
}
