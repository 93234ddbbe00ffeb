namespace Hive.Silo.Storage;

/// <summary>What a migration run did: the versions it applied (empty when the schema was current) and the version now.</summary>
public sealed record MigrationReport(IReadOnlyList<Migration> Applied, int SchemaVersion);
