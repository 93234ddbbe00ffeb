using Hive.Health;
using Hive.Security;

namespace Hive.Escalations;

/// <summary>One escalation, keyed by <see cref="Common.GrainKeys.Escalation"/>. Every change is validated by the escalation lifecycle and audited.</summary>
public interface IEscalationGrain : IGrainWithStringKey
{
    /// <summary>Raises the escalation and starts its acknowledgement deadline. Raising an open one again changes nothing; raising a resolved or closed one reopens it.</summary>
    [Operation(OperationKind.Escalation, Actor = "actor", Scope = Scopes.Escalations)]
    Task<EscalationInfo> Raise(EscalationSpec spec, string actor);

    /// <summary>Someone owns it now; the acknowledgement deadline stops.</summary>
    [Operation(OperationKind.Escalation, Actor = "actor", Scope = Scopes.Escalations)]
    Task<EscalationInfo> Acknowledge(string actor, string? note);

    /// <summary>Work to reduce the impact is under way (acknowledges it if it was not).</summary>
    [Operation(OperationKind.Escalation, Actor = "actor", Scope = Scopes.Escalations)]
    Task<EscalationInfo> Mitigate(string actor, string note);

    /// <summary>The cause is dealt with; <paramref name="resolution"/> says how.</summary>
    [Operation(OperationKind.Escalation, Actor = "actor", Scope = Scopes.Escalations)]
    Task<EscalationInfo> Resolve(string actor, string resolution);

    /// <summary>Closes a resolved escalation; a post-mortem note is required.</summary>
    [Operation(OperationKind.Escalation, Actor = "actor", Scope = Scopes.Escalations)]
    Task<EscalationInfo> Close(string actor, string postMortem);

    /// <summary>The escalation now; <c>not-found</c> when it was never raised.</summary>
    [Operation(OperationKind.Read, Actor = Acts.Caller, Scope = Scopes.Read)]
    [AlwaysInterleave]
    Task<EscalationInfo> Get();
}
