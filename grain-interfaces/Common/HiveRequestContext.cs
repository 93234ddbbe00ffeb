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
}
