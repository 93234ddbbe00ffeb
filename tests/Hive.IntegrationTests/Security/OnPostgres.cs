// The security scenarios of Hive.Tests again on a secure hive backed by PostgreSQL.
namespace Hive.Tests.Security;

[Trait("Category", "Durable")]
[Collection(PostgresSecureHiveCollection.Name)]
public sealed class CredentialTestsOnPostgres(PostgresSecureHiveFixture hive) : CredentialTests(hive);

[Trait("Category", "Durable")]
[Collection(PostgresSecureHiveCollection.Name)]
public sealed class InternalCallTestsOnPostgres(PostgresSecureHiveFixture hive) : InternalCallTests(hive);

public sealed class PostgresSecureHiveFixture() : SecureHiveFixture(onPostgres: true);

[CollectionDefinition(Name)]
public sealed class PostgresSecureHiveCollection : ICollectionFixture<PostgresSecureHiveFixture>
{
    public const string Name = "postgres-secure-hive";
}
