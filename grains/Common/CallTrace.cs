using System.Diagnostics;

namespace Hive.Common;

/// <summary>
/// The W3C trace id of the call being served, for the audit. The grain call's activity has it when tracing listens on
/// the silo; otherwise the caller's <c>traceparent</c>, which Orleans' activity propagation carries in the request
/// context, still names the trace the caller's own spans belong to; failing both, the trace id Hive.Client puts in the
/// request context itself. Null when the caller traces nothing.
/// </summary>
public static class CallTrace
{
    public const string ParentKey = "traceparent";

    public static string? CurrentId()
    {
        if (Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity) return activity.TraceId.ToHexString();
        if (RequestContext.Get(ParentKey) is string parent && ActivityContext.TryParse(parent, null, out var context))
            return context.TraceId.ToHexString();
        return RequestContext.Get(HiveRequestContext.TraceKey) is string id && IsTraceId(id) ? id : null;
    }

    /// <summary>A caller-supplied id is stored only when it has the shape of a W3C trace id: 32 lowercase hex digits.</summary>
    private static bool IsTraceId(string id) => id.Length == 32 && id.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');
}
