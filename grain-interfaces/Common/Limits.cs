namespace Hive.Common;

/// <summary>Bounds that keep every grain's state small; inputs beyond them are rejected with a validation error.</summary>
public static class Limits
{
    public const int MaxRoles = 16;
    public const int MaxCapabilities = 64;
    public const int MaxMetadataEntries = 32;
    public const int MaxTextLength = 4096;
    public const int MaxNameLength = 200;
    public const int MaxPrerequisites = 64;
    public const int MaxDependents = 1024;
    public const int MaxSupportingAgents = 32;
    public const int MaxApprovals = 16;
    public const int MaxMemoryKeys = 64;
    public const int MaxPageSize = 1000;
    public const int DefaultPageSize = 100;
}
