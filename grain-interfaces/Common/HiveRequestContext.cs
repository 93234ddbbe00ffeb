namespace Hive.Common;

/// <summary>Keys Hive.Client puts in the Orleans request context.</summary>
public static class HiveRequestContext
{
    /// <summary>Who is calling (an agent id or a client's caller id): the key of its rate-limit buckets.</summary>
    public const string CallerKey = "hive.caller";

    /// <summary>
    /// The W3C trace id of the caller's current activity, so the audit can name the trace even when nothing on the
    /// silo listens to Orleans' own activity source (which is what would carry <c>traceparent</c>).
    /// </summary>
    public const string TraceKey = "hive.trace-id";

    /// <summary>The caller's signed credential (a JWT); the silo verifies it on every call from a client.</summary>
    public const string CredentialKey = "hive.credential";

    /// <summary>
    /// The principal the silo verified for the call being served, set by the silo itself (a client's own value is
    /// overwritten or removed), so grain calls the call makes carry it on, to the audit.
    /// </summary>
    public const string PrincipalKey = "hive.principal";
}
