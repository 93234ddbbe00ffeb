namespace Hive.Tests.Durable;

/// <summary>
/// The real PostgreSQL and Redis the integration tests run against, found through the variables
/// <c>scripts/services.sh start</c> prints. A missing variable fails the test: an integration test that
/// silently skipped would let CI report green without ever touching a database.
/// </summary>
public static class TestServices
{
    public const string PostgresVariable = "HIVE_TEST_POSTGRES";
    public const string RedisVariable = "HIVE_TEST_REDIS";

    public static string Postgres => Require(PostgresVariable);
    public static string Redis => Require(RedisVariable);

    private static string Require(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{variable} is not set. This integration test needs the real services: run scripts/test.sh, " +
                "or eval \"$(scripts/services.sh start)\" before dotnet test.");
}
