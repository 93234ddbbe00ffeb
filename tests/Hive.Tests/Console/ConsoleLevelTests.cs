using Hive.Console.Cli;
using Hive.Console.Commands;

namespace Hive.Tests.Console;

/// <summary>
/// <c>hive level show|pin|unpin</c>. Pins are hive-wide, so these tests use the health tests' own hive (never the shared
/// one) and put it back to full, unpinned and running in a finally block whatever the test did.
/// </summary>
[Trait("Category", "Cluster")]
[Collection(HealthClusterCollection.Name)]
public sealed class ConsoleLevelTests(HealthClusterFixture hive) : IAsyncLifetime
{
    private const string ConsoleOperator = "operator:" + ConsoleRun.Operator;

    public Task InitializeAsync() => hive.RestoreAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Level_show_prints_the_unpinned_level_as_a_table_and_as_json()
    {
        var table = (await ConsoleRun.RunAsync(hive, "level", "show")).Succeeded();
        var json = (await ConsoleRun.RunAsync(hive, "level", "show", "--json")).Succeeded().Json();

        Assert.Equal("full", table.Field("level"));
        Assert.Equal(OperationRules.Describe(ServiceLevel.Full), table.Field("accepts"));
        Assert.Equal("no", table.Field("pinned"));
        Assert.StartsWith("full (", table.Field("evaluated level"), StringComparison.Ordinal);
        Assert.Equal("no", table.Field("halted"));
        Assert.Equal("full", json.GetProperty("level").GetString());
        Assert.False(json.GetProperty("pinned").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.GetProperty("pinnedBy").ValueKind);
        Assert.Equal("full", json.GetProperty("evaluatedLevel").GetString());
        Assert.False(json.GetProperty("halted").GetBoolean());
        Assert.Equal((await hive.Health.GetStatus()).Version, json.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task Pin_is_shown_with_who_and_why_and_unpin_returns_to_the_evaluated_level()
    {
        var since = hive.Mark();
        try
        {
            var pinned = (await ConsoleRun.RunAsync(hive, "level", "pin", "essential", "--reason", "database maintenance", "--as", "alice")).Succeeded();
            var table = (await ConsoleRun.RunAsync(hive, "level", "show")).Succeeded();
            var json = (await ConsoleRun.RunAsync(hive, "level", "show", "--json")).Succeeded().Json();
            var status = (await ConsoleRun.RunAsync(hive, "status")).Succeeded();
            var statusJson = (await ConsoleRun.RunAsync(hive, "status", "--json")).Succeeded().Json();

            Assert.Contains("service level pinned at essential by operator:alice (evaluated: full)", pinned.Out, StringComparison.Ordinal);
            Assert.Equal("essential", table.Field("level"));
            Assert.Equal(OperationRules.Describe(ServiceLevel.Essential), table.Field("accepts"));
            Assert.StartsWith("at essential by operator:alice since ", table.Field("pinned"), StringComparison.Ordinal);
            Assert.EndsWith(": database maintenance", table.Field("pinned"), StringComparison.Ordinal);
            Assert.Equal(("essential", true, "operator:alice", "database maintenance", "full"), (json.GetProperty("level").GetString(),
                json.GetProperty("pinned").GetBoolean(), json.GetProperty("pinnedBy").GetString(), json.GetProperty("pinReason").GetString(),
                json.GetProperty("evaluatedLevel").GetString()));
            Assert.Contains("Service level: essential (pinned by operator:alice; evaluated full).", status.Out, StringComparison.Ordinal);
            Assert.Equal(("essential", "operator:alice"), (statusJson.GetProperty("serviceLevel").GetString(), statusJson.GetProperty("pinnedBy").GetString()));

            // A new pin by someone else, without a reason: the newest pin is the one shown.
            (await ConsoleRun.RunAsync(hive, "level", "pin", "Reduced")).Succeeded();
            var repinned = (await ConsoleRun.RunAsync(hive, "level", "show", "--json")).Succeeded().Json();
            Assert.Equal(("reduced", ConsoleOperator, LevelCommand.NoReason), (repinned.GetProperty("level").GetString(),
                repinned.GetProperty("pinnedBy").GetString(), repinned.GetProperty("pinReason").GetString()));

            var unpinned = (await ConsoleRun.RunAsync(hive, "level", "unpin")).Succeeded();
            var after = (await ConsoleRun.RunAsync(hive, "level", "show", "--json")).Succeeded().Json();
            Assert.Contains("service level unpinned: now full", unpinned.Out, StringComparison.Ordinal);
            Assert.Equal(("full", false), (after.GetProperty("level").GetString(), after.GetProperty("pinned").GetBoolean()));
            (await ConsoleRun.RunAsync(hive, "level", "unpin")).Failed(ExitCodes.Rejected, "invalid-transition");

            var audit = await hive.HealthAuditSince(since);
            Assert.Equal(["level-pinned by operator:alice", "level-pinned by " + ConsoleOperator, "level-unpinned by " + ConsoleOperator],
                audit.Select(e => $"{e.Action} by {e.Actor}"));
        }
        finally
        {
            await hive.RestoreAsync();
        }
    }

    [Fact]
    public async Task A_level_that_does_not_exist_is_a_usage_error_and_changes_nothing()
    {
        var before = await hive.Health.GetStatus();
        try
        {
            var bad = await ConsoleRun.RunAsync(hive, "level", "pin", "turbo", "--reason", "faster");
            var number = await ConsoleRun.RunAsync(hive, "level", "pin", "2", "--reason", "by number");

            Assert.Equal(ExitCodes.Usage, bad.ExitCode);
            Assert.Contains("'turbo' is not one of: full, reduced, essential, emergency.", bad.Err, StringComparison.Ordinal);
            Assert.Equal(ExitCodes.Usage, number.ExitCode);
            Assert.Equal(before, await hive.Health.GetStatus());
        }
        finally
        {
            await hive.RestoreAsync();
        }
    }
}
