// The console scenarios of Hive.Tests again on the PostgreSQL-backed hive.

namespace Hive.Tests.Console;

[Trait("Category", "Durable")]
[Collection(PostgresHiveClusterCollection.Name)]
public sealed class ImportLivenessTestsOnPostgres(PostgresHiveClusterFixture hive) : ImportLivenessTests(hive);
