namespace Hive.Common;

/// <summary>
/// Who is calling: the principal the silo verified, or (when the hive runs open) the caller id Hive.Client sends.
/// Calls that name no caller, or a name no id could be, share one place, so leaving it out earns no extra room.
/// </summary>
internal static class RequestCaller
{
    public const string Unnamed = "(unnamed)";

    /// <summary>The caller of the grain call being served; read it in the call's first turn.</summary>
    public static string Current =>
        RequestContext.Get(HiveRequestContext.PrincipalKey) as string
        ?? (RequestContext.Get(HiveRequestContext.CallerKey) is string caller && caller.Length is > 0 and <= HiveIds.MaxLength ? caller : Unnamed);
}
