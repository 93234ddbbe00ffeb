// The console scenarios of Hive.Tests again on the PostgreSQL-backed hive.
using Hive.Tests.Cluster;
using Hive.Tests.Durable;

namespace Hive.Tests.Console;

[Trait("Category", "Durable")]
[Collection(PostgresHiveClusterCollection.Name)]
public sealed class ImportLivenessTestsOnPostgres(PostgresHiveClusterFixture hive) : ImportLivenessTests(hive);
