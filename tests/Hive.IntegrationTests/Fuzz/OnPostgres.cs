// The fuzz scenarios of Hive.Tests again on a fuzz hive backed by PostgreSQL.

namespace Hive.Tests.Fuzz;

public sealed class PostgresFuzzClusterFixture() : FuzzClusterFixture(onPostgres: true);

[CollectionDefinition(Name)]
public sealed class PostgresFuzzCollection : ICollectionFixture<PostgresFuzzClusterFixture>
{
    public const string Name = "postgres-fuzz";
}

[Trait("Category", "Durable")]
[Collection(PostgresFuzzCollection.Name)]
public sealed class FuzzTestsOnPostgres(PostgresFuzzClusterFixture hive, ITestOutputHelper output) : FuzzTests(hive, output);
