namespace Hive.Security;

/// <summary>
/// Where a client-callable method names who acts, for <see cref="Health.OperationAttribute.Actor"/>: a parameter name,
/// a path into one (<c>draft.From</c>; through a list, every item: <c>drafts.From</c>), or one of these.
/// </summary>
public static class Acts
{
    /// <summary>The grain's own key names the agent that acts (an agent's heartbeat and claims, its inbox).</summary>
    public const string GrainKey = "@key";

    /// <summary>Nobody is named: the caller acts as itself (reads, pings). An operator needs the method's scope.</summary>
    public const string Caller = "@caller";
}
