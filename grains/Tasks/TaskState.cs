using Hive.Ports;

namespace Hive.Tasks;

/// <summary>What a task grain persists. Bounded: prerequisites, dependents and approvals have fixed limits.</summary>
[GenerateSerializer, Alias("hive.task-state.v1")]
public sealed class TaskState : IEntityState<HiveTaskStatus>
{
    [Id(0)] public TaskSpec? Spec { get; set; }
    [Id(1)] public HiveTaskStatus Status { get; set; }
    [Id(2)] public string? AssignedAgent { get; set; }
    [Id(3)] public int Attempts { get; set; }
    [Id(4)] public int ProgressPercent { get; set; }
    [Id(5)] public string? ProgressNote { get; set; }
    [Id(6)] public List<Approval> Approvals { get; set; } = [];
    [Id(7)] public string? StatusReason { get; set; }

    /// <summary>The last status each prerequisite reported.</summary>
    [Id(8)] public Dictionary<string, HiveTaskStatus> Prerequisites { get; set; } = [];
    [Id(9)] public List<string> Dependents { get; set; } = [];
    [Id(10)] public DateTimeOffset CreatedAt { get; set; }
    [Id(11)] public DateTimeOffset UpdatedAt { get; set; }
    [Id(12)] public DateTimeOffset? Deadline { get; set; }
    [Id(13)] public bool OverdueRaised { get; set; }
    [Id(14)] public string? Result { get; set; }
    [Id(15)] public long Version { get; set; }

    /// <summary>Outbox: dependents still to be told about a status change.</summary>
    [Id(16)] public bool DependentsToNotify { get; set; }

    /// <summary>Outbox: an agent still to be told it no longer holds this task.</summary>
    [Id(17)] public string? AgentToRelease { get; set; }

    /// <summary>Outbox: the overdue alert still to be raised or cleared.</summary>
    [Id(18)] public PendingAlert? AlertToSend { get; set; }

    /// <summary>
    /// Outbox: the ready queue still to be told that this task became ready. Not part of <see cref="HasOutbox"/>: the
    /// queues re-read the catalog on a timer, so the sweeper need not wake a task for it.
    /// </summary>
    [Id(19)] public bool QueueToTell { get; set; }

    /// <summary>Outbox: the agent a restored held task is still to be handed to.</summary>
    [Id(20)] public PendingHandOver? HandOver { get; set; }

    public bool HasOutbox => DependentsToNotify || AgentToRelease is not null || AlertToSend is not null || HandOver is not null;
}
