using Hive.Console.Cli;

namespace Hive.Tests.Console;

[Trait("Category", "Cluster")]
[Collection(HiveClusterCollection.Name)]
public sealed class ConsoleMemoryTests(HiveClusterFixture hive)
{
    [Fact]
    public async Task Put_get_ls_and_rm_round_trip_a_value()
    {
        var ns = HiveClusterFixture.NewId("ns");

        var put = (await ConsoleRun.RunAsync(hive, "memory", "put", ns, "reliability", "circuit", """{"state": "open"}""", "--ttl", "1h")).Succeeded();
        var get = (await ConsoleRun.RunAsync(hive, "memory", "get", ns, "reliability", "circuit", "--json")).Succeeded().Json();
        var table = (await ConsoleRun.RunAsync(hive, "memory", "get", ns, "reliability", "circuit")).Succeeded();
        var namespaces = (await ConsoleRun.RunAsync(hive, "memory", "ls", "--all", "--json")).Succeeded().Json();
        var channels = (await ConsoleRun.RunAsync(hive, "memory", "ls", ns)).Succeeded();
        var keys = (await ConsoleRun.RunAsync(hive, "memory", "ls", ns, "reliability", "--json")).Succeeded().Json();
        var removed = (await ConsoleRun.RunAsync(hive, "memory", "rm", ns, "reliability", "circuit")).Succeeded();

        Assert.Contains($"memory/{ns}/reliability/circuit: version 1", put.Out, StringComparison.Ordinal);
        Assert.Equal("open", get.GetProperty("value").GetProperty("state").GetString());
        Assert.Equal(ConsoleRun.Operator, get.GetProperty("author").GetString());
        Assert.Equal(hive.Time.GetUtcNow() + TimeSpan.FromHours(1), get.GetProperty("expiresAt").GetDateTimeOffset());
        Assert.Contains("\"state\": \"open\"", table.Out, StringComparison.Ordinal);
        Assert.Contains(namespaces.GetProperty("items").EnumerateArray(), n => n.GetString() == ns);
        Assert.Contains("reliability", channels.Out, StringComparison.Ordinal);
        Assert.Equal("circuit", Assert.Single(keys.GetProperty("items").EnumerateArray()).GetProperty("key").GetString());
        Assert.Contains("deleted", removed.Out, StringComparison.Ordinal);
        Assert.Null(await hive.Hive.Memory.GetAsync(ns, "reliability", "circuit"));
    }

    [Fact]
    public async Task Missing_keys_exit_2_and_bad_values_or_stale_versions_exit_3()
    {
        var ns = HiveClusterFixture.NewId("ns");
        await hive.Hive.Memory.PutAsync(ns, "c", "k", "1", "tester");

        (await ConsoleRun.RunAsync(hive, "memory", "get", ns, "c", "absent")).Failed(ExitCodes.NotFound, "not-found");
        (await ConsoleRun.RunAsync(hive, "memory", "rm", ns, "c", "absent")).Failed(ExitCodes.NotFound, "not-found");
        (await ConsoleRun.RunAsync(hive, "memory", "put", ns, "c", "k", "not json")).Failed(ExitCodes.Rejected, "validation");
        var stale = (await ConsoleRun.RunAsync(hive, "memory", "put", ns, "c", "k", "2", "--expect-version", "7")).Failed(ExitCodes.Rejected, "conflict");
        Assert.Equal("1", (await hive.Hive.Memory.GetAsync(ns, "c", "k"))!.Value);
        Assert.Contains("version", stale.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_reads_the_value_from_standard_input_and_from_a_file()
    {
        var ns = HiveClusterFixture.NewId("ns");
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, """["a", "b"]""");
        var env = ConsoleRun.Environment(hive.Hive, hive.Time);
        var fromStdin = new Hive.Console.Cli.CliEnvironment
        {
            Out = env.Out, Error = env.Error, Connector = env.Connector, Variable = env.Variable, HomeDirectory = env.HomeDirectory,
            UserName = env.UserName, Input = new StringReader("\"piped\"\n"),
        };

        (await ConsoleRun.RunAsync(fromStdin, "memory", "put", ns, "c", "piped", "-")).Succeeded();
        (await ConsoleRun.RunAsync(hive, "memory", "put", ns, "c", "filed", "--file", file, "--author", "writer-9")).Succeeded();
        File.Delete(file);

        Assert.Equal("\"piped\"", (await hive.Hive.Memory.GetAsync(ns, "c", "piped"))!.Value);
        var filed = (await hive.Hive.Memory.GetAsync(ns, "c", "filed"))!;
        Assert.Equal("""["a", "b"]""", filed.Value);
        Assert.Equal("writer-9", filed.Author);
    }
}
