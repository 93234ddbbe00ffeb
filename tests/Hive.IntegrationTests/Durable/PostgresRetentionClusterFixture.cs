namespace Hive.Tests.Durable;

/// <summary>The retention hive of <see cref="RetentionClusterFixture"/> with everything durable in a fresh, migrated PostgreSQL database.</summary>
public sealed class PostgresRetentionClusterFixture() : RetentionClusterFixture(onPostgres: true);

[CollectionDefinition(Name)]
public sealed class PostgresRetentionClusterCollection : ICollectionFixture<PostgresRetentionClusterFixture>
{
    public const string Name = "postgres-retention-cluster";
}
