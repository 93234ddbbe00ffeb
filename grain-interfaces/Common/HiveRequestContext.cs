namespace Hive.Common;

/// <summary>Keys Hive.Client puts in the Orleans request context.</summary>
public static class HiveRequestContext
{
    /// <summary>Who is calling (an agent id or a client's caller id): the key of its rate-limit buckets.</summary>
    public const string CallerKey = "hive.caller";
}
