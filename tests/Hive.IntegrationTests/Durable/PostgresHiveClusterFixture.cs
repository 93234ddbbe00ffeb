namespace Hive.Tests.Durable;

/// <summary>
/// The shared in-process hive of <see cref="HiveClusterFixture"/> with everything durable in PostgreSQL. The cluster
/// tests run on both, so a defect only PostgreSQL shows fails in CI.
/// </summary>
public sealed class PostgresHiveClusterFixture() : HiveClusterFixture(onPostgres: true);

[CollectionDefinition(Name)]
public sealed class PostgresHiveClusterCollection : ICollectionFixture<PostgresHiveClusterFixture>
{
    public const string Name = "postgres-hive-cluster";
}
