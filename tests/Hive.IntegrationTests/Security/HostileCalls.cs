using Hive.Catalog;
using Hive.Diagnostics;

namespace Hive.Tests.Security;

/// <summary>
/// One plausible call of a client-callable method, aimed at <see cref="T"/>'s real entities. Every agent the call names
/// is the victim; <see cref="Actor"/> fills the parameters that name who acts (<c>actor</c>, <c>author</c>), and
/// <see cref="Roles"/> the roles an agent spec claims.
/// </summary>
public sealed record HostileCall(IGrainFactory Grains, HostileTargets T, string Actor, IReadOnlyList<string> Roles)
{
    public IAgentGrain Victim => Grains.GetGrain<IAgentGrain>(GrainKeys.Agent(T.Victim));
    public ITaskGrain Held => Grains.GetGrain<ITaskGrain>(GrainKeys.Task(T.HeldTask));
    public IEscalationGrain Escalation => Grains.GetGrain<IEscalationGrain>(GrainKeys.Escalation(T.Escalation));
    public IMemoryKeyGrain Memory => Grains.GetGrain<IMemoryKeyGrain>(T.MemoryKey);
    public IInboxGrain Inbox => Grains.GetGrain<IInboxGrain>(GrainKeys.Inbox(T.Victim));
    public IHiveQueryGrain Query => Grains.GetGrain<IHiveQueryGrain>(0);
    public IHiveHealthGrain Health => Grains.GetGrain<IHiveHealthGrain>(0);
    public IMessengerGrain Messenger => Grains.GetGrain<IMessengerGrain>(0);

    public MessageDraft Draft(string? to = null, string? toRole = null) =>
        new(T.Victim, "note", "sent in the victim's name", "hostile body", to, toRole);
}

/// <summary>
/// A plausible call for every client-callable method (<see cref="ClientMethods.Declared"/>); a test fails when a method
/// has none, so a new method cannot go untested. Calls that create name a fresh id each time.
/// </summary>
public static class HostileCalls
{
    public static readonly IReadOnlyDictionary<string, Func<HostileCall, Task>> All = new Dictionary<string, Func<HostileCall, Task>>
    {
        ["IAgentGrain.Register"] = c => c.Victim.Register(new AgentSpec(c.T.Victim, "Renamed", c.Roles)),
        ["IAgentGrain.Restore"] = c => Restored(c),
        ["IAgentGrain.Heartbeat"] = c => c.Victim.Heartbeat(0.9),
        ["IAgentGrain.Deregister"] = c => c.Victim.Deregister(c.Actor),
        ["IAgentGrain.Suspend"] = c => c.Victim.Suspend(c.Actor, "taken out of rotation"),
        ["IAgentGrain.Resume"] = c => c.Victim.Resume(c.Actor),
        ["IAgentGrain.Get"] = c => c.Victim.Get(),
        ["IAgentGrain.ClaimNext"] = c => c.Victim.ClaimNext(),
        ["IAgentGrain.Claim"] = c => c.Victim.Claim(c.T.ReadyTask),
        ["ITaskGrain.Create"] = c => Created(c),
        ["ITaskGrain.Restore"] = c => RestoredTask(c),
        ["ITaskGrain.Get"] = c => c.Held.Get(),
        ["ITaskGrain.Start"] = c => c.Held.Start(c.T.Victim),
        ["ITaskGrain.ReportProgress"] = c => c.Held.ReportProgress(c.T.Victim, 60, "progress in the victim's name"),
        ["ITaskGrain.Complete"] = c => c.Held.Complete(c.T.Victim, "forged result"),
        ["ITaskGrain.Fail"] = c => c.Held.Fail(c.T.Victim, "sabotage", FailureKind.Permanent),
        ["ITaskGrain.Approve"] = c => c.Held.Approve(c.T.Victim, "approved in the victim's name"),
        ["ITaskGrain.Reject"] = c => c.Held.Reject(c.T.Victim, "rejected in the victim's name"),
        ["ITaskGrain.Cancel"] = c => c.Held.Cancel(c.Actor, "cancelled"),
        ["ITaskGrain.Retry"] = c => c.Held.Retry(c.Actor),
        ["IEscalationGrain.Raise"] = c => Raised(c),
        ["IEscalationGrain.Acknowledge"] = c => c.Escalation.Acknowledge(c.Actor, "mine"),
        ["IEscalationGrain.Mitigate"] = c => c.Escalation.Mitigate(c.Actor, "mitigating"),
        ["IEscalationGrain.Resolve"] = c => c.Escalation.Resolve(c.Actor, "resolved"),
        ["IEscalationGrain.Close"] = c => c.Escalation.Close(c.Actor, "post-mortem"),
        ["IEscalationGrain.Get"] = c => c.Escalation.Get(),
        ["IMemoryKeyGrain.Put"] = c => c.Memory.Put("{\"plan\":\"overwritten\"}", c.Actor, null, null),
        ["IMemoryKeyGrain.Get"] = c => c.Memory.Get(),
        ["IMemoryKeyGrain.Delete"] = c => c.Memory.Delete(c.Actor, null),
        ["IMemoryChannelGrain.Watch"] = c => c.Grains.GetGrain<IMemoryChannelGrain>(GrainKeys.MemoryChannel(c.T.Namespace, c.T.Channel)).Watch(0, 10, TimeSpan.Zero),
        ["IInboxGrain.Receive"] = c => c.Inbox.Receive(10, TimeSpan.Zero),
        ["IInboxGrain.Ack"] = c => c.Inbox.Ack([1, 2, 3]),
        ["IInboxGrain.Size"] = c => c.Inbox.Size(),
        ["IMessengerGrain.Send"] = c => c.Messenger.Send(c.Draft(to: c.T.Intruder)),
        ["IMessengerGrain.SendToRole"] = c => c.Messenger.SendToRole(c.Draft(toRole: c.T.Role)),
        ["IMessengerGrain.SendMany"] = c => c.Messenger.SendMany([c.Draft(to: c.T.Intruder), c.Draft(to: c.T.Intruder)]),
        ["IHiveQueryGrain.ListAgents"] = c => c.Query.ListAgents(new AgentQuery()),
        ["IHiveQueryGrain.ListTasks"] = c => c.Query.ListTasks(new TaskQuery()),
        ["IHiveQueryGrain.ListEscalations"] = c => c.Query.ListEscalations(new EscalationQuery()),
        ["IHiveQueryGrain.ReadAudit"] = c => c.Query.ReadAudit(new AuditQuery()),
        ["IHiveQueryGrain.ListMemoryKeys"] = c => c.Query.ListMemoryKeys(new MemoryKeyQuery(c.T.Namespace, c.T.Channel)),
        ["IHiveQueryGrain.ListMemoryChannels"] = c => c.Query.ListMemoryChannels(new MemoryChannelQuery(c.T.Namespace)),
        ["IHiveQueryGrain.ListMemoryNamespaces"] = c => c.Query.ListMemoryNamespaces(new MemoryNamespaceQuery()),
        ["IHiveQueryGrain.GetLimits"] = c => c.Query.GetLimits(),
        ["IHiveHealthGrain.GetStatus"] = c => c.Health.GetStatus(),
        ["IHiveHealthGrain.Pin"] = c => c.Health.Pin(ServiceLevel.Emergency, c.Actor, "pinned to emergency"),
        ["IHiveHealthGrain.Unpin"] = c => c.Health.Unpin(c.Actor),
        ["IHiveHealthGrain.Halt"] = c => c.Health.Halt(c.Actor, "halted"),
        ["IHiveHealthGrain.Resume"] = c => c.Health.Resume(c.Actor),
        ["IHiveHealthGrain.Evaluate"] = c => c.Health.Evaluate(),
        ["ITokenRevocationGrain.Revoke"] = c => c.Grains.GetGrain<ITokenRevocationGrain>(0).Revoke(Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow.AddHours(1), c.Actor),
        ["IPingGrain.Ping"] = c => c.Grains.GetGrain<IPingGrain>(0).Ping(),
    };

    private static Task<AgentInfo> Restored(HostileCall c)
    {
        var id = Fresh("restored");
        return c.Grains.GetGrain<IAgentGrain>(GrainKeys.Agent(id)).Restore(new AgentSpec(id, "Smuggled in", c.Roles), c.Actor);
    }

    private static Task<TaskInfo> Created(HostileCall c)
    {
        var id = Fresh("planted");
        return c.Grains.GetGrain<ITaskGrain>(GrainKeys.Task(id)).Create(new TaskSpec(id, "Planted", "work", PrimaryRole: c.T.Role), c.Actor);
    }

    private static Task<TaskInfo> RestoredTask(HostileCall c)
    {
        var id = Fresh("restored");
        return c.Grains.GetGrain<ITaskGrain>(GrainKeys.Task(id)).Restore(
            new TaskRestore(new TaskSpec(id, "Smuggled in", "work", PrimaryRole: c.T.Role), HiveTaskStatus.Ready), c.Actor);
    }

    private static Task<EscalationInfo> Raised(HostileCall c)
    {
        var id = Fresh("raised");
        return c.Grains.GetGrain<IEscalationGrain>(GrainKeys.Escalation(id)).Raise(new EscalationSpec(id, Severity.Low, "Raised", "Raised by a test"), c.Actor);
    }

    private static string Fresh(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];
}
