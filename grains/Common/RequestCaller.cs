namespace Hive.Common;

/// <summary>
/// Who is calling, as the request names it: Hive.Client sends its caller id (the key of the rate limits too).
/// Calls that name no caller, or a name no id could be, share one place, so leaving it out earns no extra room.
/// </summary>
internal static class RequestCaller
{
    public const string Unnamed = "(unnamed)";

    /// <summary>The caller of the grain call being served; read it in the call's first turn.</summary>
    public static string Current =>
        RequestContext.Get(HiveRequestContext.CallerKey) is string caller && caller.Length is > 0 and <= HiveIds.MaxLength ? caller : Unnamed;
}
