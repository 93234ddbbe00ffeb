namespace Hive.Escalations;

/// <summary>What an escalation grain persists: the template's fields and its lifecycle, bounded in size.</summary>
[GenerateSerializer, Alias("hive.escalation-state.v1")]
public sealed class EscalationState : IEntityState<EscalationStatus>
{
    [Id(0)] public EscalationSpec? Spec { get; set; }
    [Id(1)] public EscalationStatus Status { get; set; }
    [Id(2)] public Severity Severity { get; set; }
    [Id(3)] public DateTimeOffset? AcknowledgeBy { get; set; }
    [Id(4)] public int MissedDeadlines { get; set; }
    [Id(5)] public string? Resolution { get; set; }
    [Id(6)] public string? PostMortem { get; set; }
    [Id(7)] public string RaisedBy { get; set; } = "";
    [Id(8)] public DateTimeOffset RaisedAt { get; set; }
    [Id(9)] public DateTimeOffset UpdatedAt { get; set; }
    [Id(10)] public string? LastNote { get; set; }
    [Id(11)] public long Version { get; set; }

    /// <summary>The supporting agents still to be told of the last missed deadline; null when all were.</summary>
    [Id(12)] public TierNotice? NoticeToSend { get; set; }
}
