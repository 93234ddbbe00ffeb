namespace Hive.Tests.Durable;

/// <summary>
/// Integration (real PostgreSQL and Redis, real silo processes): every way durable mode can be misconfigured
/// stops the silo with exit code 2 and one line naming the problem, never a stack trace, never a password.
/// </summary>
[Trait("Category", "Process")]
public sealed class StartupValidationTests
{
    [Fact]
    public async Task Postgres_mode_without_a_connection_string_names_the_setting()
    {
        var output = await FailsToStartAsync(new() { ["Hive__Storage__Mode"] = "Postgres" });

        Assert.Contains("Hive:Storage:ConnectionString (or HIVE_POSTGRES) is not set", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_mode_names_the_setting()
    {
        var output = await FailsToStartAsync(new() { ["Hive__Storage__Mode"] = "Postgress" });

        Assert.Contains("Hive:Storage:Mode", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_connection_string_is_refused_without_echoing_it()
    {
        var output = await FailsToStartAsync(Postgres("Host=127.0.0.1;Colour=blue;Password=hunter2-secret"));

        Assert.Contains("is not a valid Npgsql connection string", output, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2-secret", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_is_named_as_such_and_never_printed()
    {
        var wrong = "wrong-" + Guid.NewGuid().ToString("N");
        var builder = new NpgsqlConnectionStringBuilder(TestServices.Postgres) { Password = wrong };

        var output = await FailsToStartAsync(Postgres(builder.ConnectionString));

        Assert.Contains("refused the credentials", output, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, output, StringComparison.Ordinal);
        Assert.DoesNotContain(new NpgsqlConnectionStringBuilder(TestServices.Postgres).Password!, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_postgres_is_named_with_its_address()
    {
        var port = FreePorts.Next();
        var builder = new NpgsqlConnectionStringBuilder(TestServices.Postgres) { Port = port };

        var output = await FailsToStartAsync(Postgres(builder.ConnectionString));

        Assert.Contains($"PostgreSQL hive@127.0.0.1:{port}/hive is unreachable", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_migrated_by_a_newer_silo_is_refused()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        await database.ExecuteAsync("INSERT INTO hive_schema_version (version, name) VALUES (9999, 'from_the_future')");

        var output = await FailsToStartAsync(Postgres(database.ConnectionString));

        Assert.Contains("schema is at version 9999, newer than this silo knows", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_that_belongs_to_another_hive_is_refused_naming_both_service_ids()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        await database.ExecuteAsync("INSERT INTO hive_owner (service_id) VALUES ('other-hive')");
        var environment = Postgres(database.ConnectionString);
        environment["Hive__Silo__ServiceId"] = "this-hive";

        var output = await FailsToStartAsync(environment);

        Assert.Contains("belongs to service id 'other-hive', but this silo's Hive:Silo:ServiceId is 'this-hive'", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_redis_is_named_with_its_address()
    {
        await using var database = await TestDatabase.CreateAsync();
        var port = FreePorts.Next();
        var environment = DurableSilo.Environment(database.ConnectionString, DurableSilo.NewClusterId("noredis"));
        environment["Hive__Clustering__RedisConnectionString"] = $"127.0.0.1:{port},password=redis-secret";

        var output = await FailsToStartAsync(environment);

        Assert.Contains($"Redis 127.0.0.1:{port} is unreachable", output, StringComparison.Ordinal);
        Assert.DoesNotContain("redis-secret", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_durable_silo_without_signing_keys_is_refused_naming_the_settings_before_touching_the_database()
    {
        await using var database = await TestDatabase.CreateAsync();
        var environment = DurableSilo.Environment(database.ConnectionString, DurableSilo.NewClusterId("nokeys"));
        environment.Remove("Hive__Security__KeysPath");

        var output = await FailsToStartAsync(environment);

        Assert.Contains("set Hive:Security:Keys or Hive:Security:KeysPath (or Hive:Security:Mode=Open to run without authentication)", output, StringComparison.Ordinal);
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"));
    }

    [Fact]
    public async Task Redis_membership_with_in_memory_state_is_refused()
    {
        var output = await FailsToStartAsync(new()
        {
            ["Hive__Clustering__Mode"] = "Redis",
            ["Hive__Clustering__RedisConnectionString"] = TestServices.Redis,
        });

        Assert.Contains("Hive:Clustering:Mode Redis needs Hive:Storage:Mode Postgres", output, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Postgres(string connectionString) => new()
    {
        ["Hive__Storage__Mode"] = "Postgres",
        ["Hive__Storage__ConnectionString"] = connectionString,
        ["Hive__Security__KeysPath"] = ProcessKeys.KeysPath,
    };

    private static async Task<string> FailsToStartAsync(Dictionary<string, string> environment)
    {
        await using var silo = SiloProcess.Start([], environment);
        var exitCode = await silo.WaitForExitAsync(TimeSpan.FromMinutes(1));

        Assert.True(exitCode == 2, $"exit code {exitCode}; output:\n{silo.Output}");
        Assert.DoesNotContain("   at ", silo.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", silo.Output, StringComparison.Ordinal);
        Assert.Single(silo.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        return silo.Output;
    }
}
