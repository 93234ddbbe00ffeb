namespace Hive.Common;

/// <summary>Stable error codes carried by <see cref="HiveException"/>. Clients branch on these, never on messages.</summary>
public static class HiveErrorCodes
{
    public const string Validation = "validation";
    public const string NotFound = "not-found";
    public const string Conflict = "conflict";
    public const string InvalidTransition = "invalid-transition";
    public const string Forbidden = "forbidden";

    /// <summary>The call carried no credential the hive accepts: missing, expired, revoked, or signed with a key it does not know.</summary>
    public const string Unauthenticated = "unauthenticated";
    public const string Halted = "halted";
    public const string RateLimited = "rate-limited";
    public const string Degraded = "degraded";
    public const string InboxFull = "inbox-full";
    public const string StorageUnavailable = "storage-unavailable";

    /// <summary>Raised by Hive.Client when the hive has stopped answering and its circuit breaker is open.</summary>
    public const string Unavailable = "unavailable";

    /// <summary>Codes a caller may retry unchanged; every other code is permanent for the same input.</summary>
    public static bool IsTransient(string code) =>
        code is RateLimited or Degraded or StorageUnavailable or InboxFull or Unavailable;
}
