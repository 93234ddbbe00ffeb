namespace Hive.Silo.Http.Checks;

/// <summary>Which probe runs a check; the detailed <c>/health</c> runs them all.</summary>
public static class HealthTags
{
    public const string Live = "live";
    public const string Ready = "ready";
    public const string Startup = "startup";
}
