namespace Hive.Silo.Storage;

/// <summary>The database was migrated by a newer silo: running older code against it could corrupt what it wrote.</summary>
public sealed class SchemaTooNewException(int databaseVersion, int knownVersion)
    : Exception($"the database schema is at version {databaseVersion}, newer than this silo knows ({knownVersion}); deploy a silo built with migration {databaseVersion:D4} or later.")
{
    public int DatabaseVersion { get; } = databaseVersion;
    public int KnownVersion { get; } = knownVersion;
}
